#include "sim/scenario/series_name.hpp"

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
                                        std::string& error, bool alliance_ok) {
  if (i >= name.parts.size()) return std::nullopt;
  auto idx = sc.actor_index(name.parts[i]);
  if (!idx) {
    error = "unknown actor '" + name.parts[i] + "'" + did_you_mean(name.parts[i], sc.actor_ids);
    return std::nullopt;
  }
  if (!alliance_ok && sc.spec.actors[*idx].kind == ActorKind::kAlliance) {
    error = "'" + name.parts[i] + "' is an alliance; '" + name.family + "' series take states or blocs";
    return std::nullopt;
  }
  return idx;
}

namespace {

// "no actor id", "one actor id", "two actor ids", "3 actor ids".
std::string actor_ids_phrase(std::size_t n) {
  switch (n) {
    case 0: return "no actor id";
    case 1: return "one actor id";
    case 2: return "two actor ids";
    default: return std::to_string(n) + " actor ids";
  }
}

}  // namespace

std::optional<std::vector<std::size_t>> series_actors(const CompiledScenario& sc, const SeriesName& name,
                                                      std::size_t arity, std::string& error,
                                                      const SeriesActorRules& rules) {
  const std::string roles = rules.roles.empty() ? "" : " (" + std::string(rules.roles) + ")";
  if (name.parts.size() != arity) {
    error = "'" + name.family + "' takes " + actor_ids_phrase(arity) + roles;
    return std::nullopt;
  }
  std::vector<std::size_t> ids;
  for (std::size_t i = 0; i < arity; ++i) {
    auto a = series_actor(sc, name, i, error, rules.alliance_ok);
    if (!a) return std::nullopt;
    // A series of an actor with itself (dependence of russia on russia) is
    // degenerate, so every multi-actor family asks for different actors.
    for (std::size_t earlier : ids)
      if (earlier == *a) {
        error = "'" + name.family + "' needs " + (arity == 2 ? std::string("two") : std::to_string(arity)) +
                " different actors" + roles;
        return std::nullopt;
      }
    ids.push_back(*a);
  }
  return ids;
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
