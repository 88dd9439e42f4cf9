#include "grappe/common/markup.hpp"

#include <gtest/gtest.h>

namespace grappe {

// A firm's name from the register goes into HTML reports, SVG plots and lineage graphs.
TEST(MarkupEscape, EscapesWhatWouldEndTextOrAnAttribute) {
  EXPECT_EQ(markup_escape("Dupont & Fils <SARL> \"Le Bois\""),
            "Dupont &amp; Fils &lt;SARL&gt; &quot;Le Bois&quot;");
  EXPECT_EQ(markup_escape("Élise l'ébéniste"), "Élise l'ébéniste");
  EXPECT_EQ(markup_escape(""), "");
}

}  // namespace grappe
