# Every dependency is a Debian 12 package (see scripts/install-deps.sh); nothing is downloaded.
find_package(Threads REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(TBB REQUIRED)
find_package(PROJ REQUIRED CONFIG)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
# .zip input of `grappe ingest` (streamed; libarchive also reads the entry without seeking).
find_package(LibArchive REQUIRED)
find_package(PkgConfig REQUIRED)
# cpp-httplib: the HTTP client of the tests (linked through its pkg-config target: its
# -DCPPHTTPLIB_* flags matter). libmicrohttpd: the server's HTTP layer (src/server/http.cpp).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(MHD REQUIRED IMPORTED_TARGET libmicrohttpd)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# libpq (PostgreSQL's client library, ≥ 14 for its pipeline mode): src/workspace/postgres_database.cpp.
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq>=14)
# libcurl's SMTP sends the workspace's e-mail (either Debian flavour: libcurl4-gnutls-dev is the
# one libproj-dev and libgdal-dev already pull in; libcurl4-openssl-dev works the same).
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# Open MPI (openmpi-bin, libopenmpi-dev) for `--mpi` runs across machines (docs/mpi.md); without it
# grappe still builds and refuses --mpi.
find_package(MPI COMPONENTS C)
find_package(GDAL CONFIG)
if(NOT GDAL_FOUND)
  find_package(GDAL REQUIRED)
endif()
if(GRAPPE_TESTS)
  find_package(GTest REQUIRED)
endif()
if(GRAPPE_BENCH)
  find_package(benchmark REQUIRED)
endif()

# grappe_module(NAME SOURCES... DEPS ... [PRIVATE_DEPS ...]): one static library per folder under
# src/, with its public face in src/NAME/include/grappe/NAME/. DEPS are what its public headers
# include (passed on to its users); PRIVATE_DEPS what only its sources use.
function(grappe_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(grappe_${name} STATIC ${ARG_SOURCES})
  target_include_directories(grappe_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(grappe_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# grappe_test(NAME SOURCES... DEPS ... [LABEL unit|integration]): a GoogleTest executable
# registered with CTest. "unit" tests (the default) also run under ASan/UBSan in CI;
# "integration" tests (that run the grappe binary, servers, browsers) run in the Release build.
function(grappe_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    GRAPPE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    GRAPPE_BINARY="$<TARGET_FILE:grappe>")
  include(GoogleTest)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS ${ARG_LABEL})
endfunction()
