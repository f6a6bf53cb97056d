// entente models [NAME]: the registered components and their parameters.
#include <iostream>

#include "analysis/writers/number_format.hpp"
#include "cli/cli_common.hpp"
#include "models/register_builtin.hpp"
#include "sim/scenario/node_reader.hpp"

namespace entente::cli {

namespace {

void print_params(const std::vector<ParamDecl>& params) {
  for (const auto& p : params) {
    std::cout << "    " << p.name << " = " << analysis::format_number(p.default_value) << "  ["
              << analysis::format_number(p.min) << ", " << analysis::format_number(p.max) << "] " << p.unit << ": "
              << p.doc << "; " << p.source << "\n";
  }
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out.empty() ? "(none)" : out;
}

void print_model(const ModelInfo& m, bool detailed) {
  std::cout << m.name << " — " << m.summary << "\n";
  if (!detailed) return;
  if (!m.roles.empty()) {
    std::cout << "  roles (under roles:, actor ids):\n";
    for (const auto& r : m.roles) {
      std::cout << "    " << r.name << " (" << (r.min_count == 0 ? "optional, " : "")
                << (r.max_count == 1                   ? std::string("one actor")
                    : r.max_count == r.min_count       ? std::to_string(r.max_count) + " actors"
                    : r.max_count > 1000               ? std::string("any number of actors")
                                                       : "up to " + std::to_string(r.max_count) + " actors")
                << (r.actors == RoleActors::kAlliances     ? ", alliances only"
                    : r.actors == RoleActors::kNoAlliances ? ", states or blocs"
                                                           : "")
                << "): " << r.doc << "\n";
    }
  }
  std::cout << "  parameters (name, default, range, unit: meaning; source):\n";
  print_params(m.params);
  if (!m.actor_params.empty()) {
    std::cout << "  per-actor parameters (under actors: {id: {...}}):\n";
    print_params(m.actor_params);
  }
  std::cout << "  reads: " << join(m.reads) << "\n  writes: " << join(m.writes) << "\n";
  std::cout << "  outputs (use as an outcome's series):\n";
  for (const auto& o : m.outputs) std::cout << "    " << o.pattern << ": " << o.doc << "\n";
}

// A table cell: a '|' would end the cell and a line break the row.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

void markdown_params(const std::string& title, const std::vector<ParamDecl>& params) {
  std::cout << title << "\n\n| name | default | range | unit | meaning | source |\n| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& p : params)
    std::cout << "| `" << p.name << "` | " << analysis::format_number(p.default_value) << " | ["
              << analysis::format_number(p.min) << ", " << analysis::format_number(p.max) << "] | " << cell(p.unit)
              << " | " << cell(p.doc) << " | " << cell(p.source) << " |\n";
}

// The parameter tables of docs/models/NAME.md, between its generated-table
// markers (scripts/model_doc_tables.sh writes them, tests check them).
void print_markdown(const ModelInfo& m) {
  markdown_params("Parameters (under `parameters:` of the `models:` entry `name: " + m.name + "`):", m.params);
  if (!m.actor_params.empty()) {
    std::cout << "\n";
    markdown_params("Per-actor parameters (under `actors: {id: {...}}` of the same entry):", m.actor_params);
  }
}

}  // namespace

int cmd_models(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("help,h", "this help")("brief", "one line per component")(
      "format,f", po::value<std::string>()->default_value("text")->value_name("text|markdown"),
      "text, or markdown: the parameter tables of docs/models/NAME.md");
  po::options_description hidden;
  std::vector<std::string> rest;
  po::variables_map vm;
  po::options_description all;
  all.add(opts).add_options()("name", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("name", 1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  if (vm.count("help")) {
    std::cout << "Usage: entente models [NAME] [--brief] [--format text|markdown]\n\n" << opts
              << "\nLists the model components a scenario's 'models' section can use, with each\n"
                 "parameter's default, allowed range, unit, meaning and source, and the output\n"
                 "series each component can report.\n";
    return kOk;
  }
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "markdown")
    throw UsageError{"--format must be text or markdown, not '" + format + "'"};
  const ModelRegistry& registry = builtin_registry();
  if (format == "markdown" && !vm.count("name")) throw UsageError{"--format markdown needs a component NAME"};
  if (format == "markdown" && vm.count("brief")) throw UsageError{"--brief is a text format"};
  if (vm.count("name")) {
    const std::string name = vm["name"].as<std::string>();
    const ModelInfo* m = registry.find(name);
    if (!m)
      throw UsageError{"unknown model component '" + name + "'" + did_you_mean(name, registry.names()) +
                       "; registered: " + join_alternatives(registry.names())};
    if (format == "markdown")
      print_markdown(*m);
    else
      print_model(*m, true);
    return kOk;
  }
  for (const auto& m : registry.all()) {
    print_model(m, !vm.count("brief"));
    if (!vm.count("brief")) std::cout << "\n";
  }
  return kOk;
}

}  // namespace entente::cli
