#include "analysis/writers/trace_writers.hpp"
#include "analysis/writers/csv_field.hpp"

#include "analysis/writers/number_format.hpp"
#include "sim/engine/run.hpp"

namespace entente::analysis {

RunStory tell_run(const CompiledScenario& sc, std::uint64_t seed, std::uint64_t run) {
  RunStory story;
  story.run = run;
  story.trace.resize(static_cast<std::size_t>(sc.n_steps + 1) * sc.outcomes.size());
  RunState state;
  run_trace(sc, {seed, 0, run}, state, story.trace.data());
  story.log = state.log;
  return story;
}

std::string trace_csv(const CompiledScenario& sc, const RunStory& story) {
  std::string out = "year";
  for (const auto& o : sc.outcomes) out += "," + csv_field(o.spec.id);
  out += "\n";
  const std::size_t n = sc.outcomes.size();
  for (std::size_t s = 0; s < sc.years.size(); ++s) {
    out += format_number(sc.years[s]);
    for (std::size_t o = 0; o < n; ++o) out += "," + format_number(story.trace[s * n + o]);
    out += "\n";
  }
  return out;
}

std::string events_csv(const CompiledScenario& sc, const RunStory& story) {
  std::string out = "year,kind,name\n";
  for (const auto& e : story.log) {
    const char* kind = e.kind == LogEntry::Kind::kEvent      ? "event"
                       : e.kind == LogEntry::Kind::kInjected ? "injected"
                                                             : "trigger";
    const std::string& name =
        e.kind == LogEntry::Kind::kTrigger ? sc.triggers[e.index].label : sc.events[e.index].id;
    out += format_number(sc.years[static_cast<std::size_t>(e.step)]) + "," + kind + "," + csv_field(name) + "\n";
  }
  return out;
}

}  // namespace entente::analysis
