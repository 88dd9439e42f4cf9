#pragma once
// Fresh databases for tests: a temporary SQLite file, and a fresh PostgreSQL database when
// GRAPPE_TEST_PG_URL is set (tests/server/with_postgres.sh starts a throwaway server and sets it).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "grappe/workspace/database.hpp"

namespace grappe::test {

inline std::vector<std::string> store_kinds() { return {"sqlite", "postgres"}; }

inline const char* postgres_url() {
  const char* url = std::getenv("GRAPPE_TEST_PG_URL");
  return url && *url ? url : nullptr;
}

// Skips the current test (with a clear message) when the store is PostgreSQL and no server is set.
#define GRAPPE_SKIP_WITHOUT_STORE(kind)                                                                 \
  if ((kind) == "postgres" && !::grappe::test::postgres_url())                                          \
  GTEST_SKIP() << "GRAPPE_TEST_PG_URL is not set: run tests/server/with_postgres.sh to test PostgreSQL"

// Runs the parameterised `suite` on each store kind, named "sqlite" and "postgres".
#define GRAPPE_ON_EVERY_STORE(suite)                                                          \
  INSTANTIATE_TEST_SUITE_P(Stores, suite, ::testing::ValuesIn(::grappe::test::store_kinds()), \
                           [](const auto& info) { return info.param; })

// A URL (or path) of an empty database of this kind.
inline std::string fresh_database(const std::string& kind) {
  static std::atomic<int> counter{0};
  std::string name = "grappe_t_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  if (kind == "sqlite") {
    auto dir = std::filesystem::temp_directory_path() / "grappe-tests";
    std::filesystem::create_directories(dir);
    auto path = dir / (name + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return path.string();
  }
  std::string base = postgres_url();
  auto admin = workspace::open_postgres(base, 1);
  admin->execute_outside_transaction("DROP DATABASE IF EXISTS " + name);
  admin->execute_outside_transaction("CREATE DATABASE " + name);
  // postgresql://user@host:port/dbname?params → same URL, database swapped.
  auto slash = base.find('/', base.find("://") + 3);
  auto query = base.find('?');
  std::string rest = query == std::string::npos ? "" : base.substr(query);
  return (slash == std::string::npos || (query != std::string::npos && slash > query) ? base.substr(0, query) : base.substr(0, slash)) +
         "/" + name + rest;
}

}  // namespace grappe::test
