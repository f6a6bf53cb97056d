#include "sim/scenario/loader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/io/input_file.hpp"
#include "sim/io/node_json.hpp"
#include "sim/scenario/parser.hpp"
#include "sim/scenario/size_limits.hpp"
#include "sim/util/limits.hpp"
#include "sim/util/sha256.hpp"

namespace entente {

namespace {

NodePtr load_input(const std::string& path, Diagnostics& d, LoadedScenario& out) {
  std::string error;
  const std::optional<std::string> bytes = read_input_file(path, limits::kMaxFileBytes, error);
  if (!bytes) {
    d.error({path, 0, 0}, error == "is a directory, not a file" ? "is a directory, not a scenario file" : error);
    return nullptr;
  }
  out.input_hashes.emplace_back(path, sha256_hex(*bytes));
  return parse_yaml(*bytes, path, d);
}

}  // namespace

namespace {

// A --set that replaces a whole section or collection (`actors={}`) leaves
// the file's references dangling, and every error is then located in the
// file, far from the cause. Such a --set gets an error of its own, located
// at the --set and printed first (sorted() puts "--set" before paths).
void point_at_replacing_sets(const std::vector<std::string>& sets, Diagnostics& d) {
  std::size_t in_file = 0;
  for (const auto& e : d.list()) in_file += e.where.file != "--set" ? 1 : 0;
  if (in_file == 0) return;  // every error is already at a --set
  for (std::size_t i = 0; i < sets.size(); ++i) {
    const std::string& a = sets[i];
    const std::size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    const std::string path = a.substr(0, eq);
    const std::size_t v = a.find_first_not_of(" \t", eq + 1);
    const bool collection = v != std::string::npos && (a[v] == '{' || a[v] == '[');
    if (!collection && path.find('.') != std::string::npos) continue;
    d.error({"--set", static_cast<int>(i) + 1, 1},
            "'" + a + "' replaces the whole '" + path + "'; the " + std::to_string(in_file) + " error" +
                (in_file == 1 ? "" : "s") + " below may follow from it (set one field, e.g. " + path +
                ".NAME.FIELD=VALUE, or use an overlay file to change a section)");
  }
}

LoadedScenario finish_loading(NodePtr root, const LoadRequest& request, const ModelRegistry& registry,
                              LoadedScenario out, Diagnostics& d) {
  if (root && root->is_null()) {
    d.error({request.file, 1, 1}, "the file is empty; a scenario starts with 'entente: 1'");
    root = nullptr;
  }
  for (const auto& overlay_path : request.overlays) {
    NodePtr overlay = load_input(overlay_path, d, out);
    if (!overlay) continue;
    if (!overlay->is_map()) {
      d.error(overlay->location, "an overlay must be a map of scenario sections, got " + overlay->kind_name());
      continue;
    }
    if (root) merge_overlay(*root, *overlay);
  }
  if (root) {
    for (std::size_t i = 0; i < request.sets.size(); ++i)
      apply_set_override(*root, request.sets[i], static_cast<int>(i) + 1, d);
  }
  // Syntax problems first: validating a half-read tree would only add noise.
  // Size limits belong to reading too: validation must not start on a
  // scenario too large to validate quickly.
  if (root) check_size_limits(*root, d);
  d.throw_if_any();
  out.spec = parse_scenario(*root, registry, d);
  if (!d.empty()) point_at_replacing_sets(request.sets, d);
  d.throw_if_any();
  out.resolved = root;
  out.scenario_hash = sha256_hex(node_to_json(*root).dump());
  return out;
}

}  // namespace

LoadedScenario load_scenario(const LoadRequest& request, const ModelRegistry& registry) {
  LoadedScenario out;
  out.file = request.file;
  Diagnostics d;
  NodePtr root = load_input(request.file, d, out);
  return finish_loading(root, request, registry, std::move(out), d);
}

LoadedScenario load_scenario_text(const std::string& text, const std::string& name, const ModelRegistry& registry,
                                  const std::vector<std::string>& sets) {
  LoadedScenario out;
  out.file = name;
  out.input_hashes.emplace_back(name, sha256_hex(text));
  Diagnostics d;
  NodePtr root = parse_yaml(text, name, d);
  LoadRequest request;
  request.file = name;
  request.sets = sets;
  return finish_loading(root, request, registry, std::move(out), d);
}

std::unique_ptr<CompiledScenario> compile_for_policy(const LoadedScenario& loaded, const ModelRegistry& registry,
                                                     const std::string& policy) {
  Diagnostics d;
  auto c = compile_scenario(loaded.spec, registry, policy, d, loaded.file);
  d.throw_if_any();
  return c;
}

}  // namespace entente
