#include "grappe/common/files.hpp"

#include <gtest/gtest.h>

#include "../thrown.hpp"
#include "grappe/common/error.hpp"

namespace grappe {

TEST(Files, MissingInputIsAnInputErrorNamingTheFile) {
  const auto e = test::thrown([] { open_input("/nonexistent/c.json", "candidates file"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind(), ErrorKind::input);
  EXPECT_EQ(std::string(e->what()),
            "/nonexistent/c.json: cannot open the candidates file: No such file or directory");
  EXPECT_THROW(open_input(std::filesystem::temp_directory_path(), "scenario file"), InputError);  // a folder
}

TEST(Files, UnwritableOutputIsAnIoError) {
  const auto e = test::thrown([] { open_output("/nonexistent/out.csv", "output file"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind(), ErrorKind::io);
  EXPECT_EQ(exit_code(e->kind()), 1);
  EXPECT_NE(std::string(e->what()).find("/nonexistent/out.csv: cannot write the output file"),
            std::string::npos);
}

}  // namespace grappe
