// The environment variables of sim/util/env_hooks.hpp: one table, documented
// in docs/reliability.md, and the only way library code reads one.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/util/env_hooks.hpp"

using namespace entente;

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("every environment hook has a row in docs/reliability.md", "[env_hooks]") {
  const std::string doc = slurp(std::filesystem::path(ENTENTE_SOURCE_DIR) / "docs/reliability.md");
  for (std::size_t i = 0; i < env_hooks().size(); ++i) {
    const EnvHookInfo& h = env_hooks()[i];
    INFO(h.name);
    CHECK(static_cast<std::size_t>(h.hook) == i);  // env_hook() indexes the table by the enum
    CHECK(doc.find(std::string("| `") + h.name + "` |") != std::string::npos);
  }
}

TEST_CASE("library code reads ENTENTE_ variables only through env_hook", "[env_hooks]") {
  // The declared table is the one place; a getenv("ENTENTE_...") elsewhere
  // would be a hook nobody documented.
  const std::filesystem::path root(ENTENTE_SOURCE_DIR);
  int files = 0;
  for (const char* dir : {"sim", "models", "analysis", "cli"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(root / dir)) {
      const auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      ++files;
      if (e.path().filename() == "env_hooks.cpp") continue;
      INFO(e.path().string());
      CHECK(slurp(e.path()).find("getenv(\"ENTENTE_") == std::string::npos);
    }
  }
  CHECK(files > 50);  // the walk found the tree
}
