#include "analysis/workflows/result_set.hpp"

#include "sim/output/atomic_file.hpp"
#include "sim/util/sha256.hpp"

namespace entente::analysis {

void write_result_set(const std::string& dir, const ResultFiles& files, nlohmann::ordered_json manifest) {
  ensure_directory(dir);
  auto listing = nlohmann::ordered_json::object();
  for (const auto& [name, content] : files) listing[name] = sha256_hex(content);
  manifest["files"] = listing;
  for (const auto& [name, content] : files) write_file_atomic(dir + "/" + name, content);
  write_file_atomic(dir + "/manifest.json", manifest.dump(2) + "\n");
}

}  // namespace entente::analysis
