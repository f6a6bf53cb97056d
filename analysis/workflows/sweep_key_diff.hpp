#pragma once
// Why a sweep database refuses to be resumed: the fields of the stored sweep
// key (scenario hash, design, samples, seed, replicates, policies, years,
// parameters, conditioning; see sweep_workflow.cpp) that differ from this
// command's, each with both values, so that the user sees which option to
// change back instead of a list of everything that might differ.
#include <string>

#include <nlohmann/json.hpp>

namespace entente::analysis {

// "samples (the database has 256, this command 512); seed (...)"; "" when
// `stored` is not an object (a database from before the key was stored) or
// nothing differs field by field.
std::string sweep_key_difference(const nlohmann::ordered_json& stored, const nlohmann::ordered_json& now);

}  // namespace entente::analysis
