// A result set on disk: its files, each written atomically, then the
// manifest listing their SHA-256 under "files", written last. A reader can
// tell a complete set from one a crash left mixed with an older run's files.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace entente::analysis {

using ResultFiles = std::vector<std::pair<std::string, std::string>>;  // name, content

void write_result_set(const std::string& dir, const ResultFiles& files, nlohmann::ordered_json manifest);

}  // namespace entente::analysis
