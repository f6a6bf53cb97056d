// `entente describe FILE`: what a scenario contains, for the people who brief
// on it: its levers, uncertainties, events, outcomes and policies with their
// labels, descriptions and sources, as text for an 80-column terminal, as
// JSON, or as Markdown to paste into a briefing document.
//
// Strings come from the scenario file, so every form neutralises them: the
// text drops control characters (no terminal escape sequences), the Markdown
// escapes its own syntax and HTML (no injected tables, links or tags), JSON
// escapes as JSON does.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "sim/scenario/spec.hpp"

namespace entente::analysis {

// Lines of at most `width` columns (a word longer than a line stands alone).
std::string describe_text(const ScenarioSpec& spec, std::size_t width = 80);
nlohmann::ordered_json describe_json(const ScenarioSpec& spec);
std::string describe_markdown(const ScenarioSpec& spec);

// A quantity as a reader would say it: "0.5", "uniform on [-3, -1]",
// "normal (mean 0, sd 1) truncated to [0, 2]", "uncertainty sanctions_bite".
std::string quantity_text(const Quantity& q);

}  // namespace entente::analysis
