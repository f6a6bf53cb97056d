// Parsing of output series names such as "dependence.russia.china" or
// "trade.russia.china.energy", shared by every component's bind_output().
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/compiled.hpp"

namespace entente {

struct SeriesName {
  std::string family;               // "dependence"
  std::vector<std::string> parts;   // {"russia", "china"}
};

SeriesName split_series(std::string_view series);

// Resolve parts[i] as an actor that is not an alliance (or, with
// `alliance_ok`, any actor); on failure, `error` says why (unknown id, with a
// suggestion) and nullopt is returned.
std::optional<std::size_t> series_actor(const CompiledScenario& sc, const SeriesName& name, std::size_t i,
                                        std::string& error, bool alliance_ok = false);

// How series_actors() reads a family's actor ids.
struct SeriesActorRules {
  std::string_view roles = {};  // what the ids stand for, named in the messages: "holder, issuer"
  bool alliance_ok = false;     // an alliance may stand (a side of a crisis dyad); else states and blocs only
};

// The actor ids of a series whose family takes exactly `arity` of them and
// nothing else, each resolved by series_actor(), all different: one check
// for every component, so that every family words its errors alike
// ("'parity' takes two actor ids", "'parity' needs two different actors").
// On failure `error` says why and nullopt is returned.
std::optional<std::vector<std::size_t>> series_actors(const CompiledScenario& sc, const SeriesName& name,
                                                      std::size_t arity, std::string& error,
                                                      const SeriesActorRules& rules = {});

std::optional<Channel> series_channel(const SeriesName& name, std::size_t i, std::string& error);

}  // namespace entente
