#include "sim/model/series_name.hpp"

#include "sim/scenario/node_reader.hpp"

namespace entente {

SeriesName split_series(std::string_view series) {
  SeriesName out;
  std::size_t start = 0;
  bool first = true;
  while (start <= series.size()) {
    const std::size_t dot = series.find('.', start);
    const std::string part(series.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (first) out.family = part;
    else out.parts.push_back(part);
    first = false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

std::optional<std::size_t> series_actor(const CompiledScenario& sc, const SeriesName& name, std::size_t i,
                                        std::string& error) {
  if (i >= name.parts.size()) return std::nullopt;
  auto idx = sc.actor_index(name.parts[i]);
  if (!idx) {
    error = "unknown actor '" + name.parts[i] + "'" + did_you_mean(name.parts[i], sc.actor_ids);
    return std::nullopt;
  }
  if (sc.spec.actors[*idx].kind == ActorKind::kAlliance) {
    error = "'" + name.parts[i] + "' is an alliance; trade and dependence series take states or blocs";
    return std::nullopt;
  }
  return idx;
}

std::optional<Channel> series_channel(const SeriesName& name, std::size_t i, std::string& error) {
  if (i >= name.parts.size()) return std::nullopt;
  auto c = parse_channel(name.parts[i]);
  if (!c) {
    std::vector<std::string> names;
    for (Channel ch : kAllChannels) names.emplace_back(channel_name(ch));
    error = "unknown channel '" + name.parts[i] + "'" + did_you_mean(name.parts[i], names);
  }
  return c;
}

}  // namespace entente
