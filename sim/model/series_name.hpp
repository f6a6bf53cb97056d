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

// Resolve parts[i] as an actor that is not an alliance; on failure, `error`
// says why (unknown id, with a suggestion) and nullopt is returned.
std::optional<std::size_t> series_actor(const CompiledScenario& sc, const SeriesName& name, std::size_t i,
                                        std::string& error);
std::optional<Channel> series_channel(const SeriesName& name, std::size_t i, std::string& error);

}  // namespace entente
