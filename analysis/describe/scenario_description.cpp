#include "analysis/describe/scenario_description.hpp"

#include <sstream>
#include <vector>

#include "analysis/writers/number_format.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis {

namespace {

using Json = nlohmann::ordered_json;

// One model of what is described; the three forms render it, so they list
// the same things in the same order.
struct Fact {
  std::string key;
  Json value;  // a number, a string, or an array of strings
};
struct Entry {
  std::string id, label, description, source;
  std::vector<Fact> facts;
};
struct Section {
  std::string name;
  std::vector<Entry> entries;
};

std::string range_text(double lo, double hi) { return "[" + format_number(lo) + ", " + format_number(hi) + "]"; }

std::string schedule_text(const std::vector<ScheduleEntry>& schedule) {
  std::string s;
  for (const auto& e : schedule) s += (s.empty() ? "" : ", ") + format_number(e.year) + ": " + format_number(e.intensity);
  return s;
}

std::string trigger_text(const TriggerSpec& t) {
  const std::string when = !t.event.empty() ? "after event " + t.event
                                            : "when " + t.signpost + (t.above ? " >= " : " <= ") + format_number(t.threshold);
  return when + ": intensity " + format_number(t.intensity);
}

const char* direction_text(Direction d) {
  return d == Direction::kLowerIsBetter ? "lower is better" : d == Direction::kHigherIsBetter ? "higher is better"
                                                                                              : "no direction";
}

Json strings(const std::vector<std::string>& items) {
  Json a = Json::array();
  for (const auto& s : items) a.push_back(s);
  return a;
}

std::vector<Section> sections(const ScenarioSpec& spec) {
  std::vector<Section> out;
  Section levers{"levers", {}};
  for (const auto& l : spec.levers) {
    Entry e{l.id, l.label == l.id ? "" : l.label, l.description, l.source, {}};
    std::vector<std::string> channels;
    for (Channel c : l.channels) channels.emplace_back(channel_name(c));
    e.facts.push_back({"kind", std::string(lever_kind_name(l.kind))});
    if (!l.owner.empty()) e.facts.push_back({"owner", l.owner});
    if (!l.target.empty()) e.facts.push_back({"target", l.target});
    if (!channels.empty()) e.facts.push_back({"channels", strings(channels)});
    e.facts.push_back({"intensity", l.intensity});
    e.facts.push_back({"baseline intensity", l.baseline_intensity});
    e.facts.push_back({"range", range_text(l.range_min, l.range_max)});
    if (!l.schedule.empty()) e.facts.push_back({"schedule", schedule_text(l.schedule)});
    std::vector<std::string> triggers;
    for (const auto& t : l.triggers) triggers.push_back(trigger_text(t));
    if (!triggers.empty()) e.facts.push_back({"triggers", strings(triggers)});
    levers.entries.push_back(std::move(e));
  }
  out.push_back(std::move(levers));

  Section uncertainties{"uncertainties", {}};
  for (const auto& u : spec.uncertainties)
    uncertainties.entries.push_back({u.id, "", "", u.source, {{"distribution", quantity_text(u.quantity)}}});
  out.push_back(std::move(uncertainties));

  Section events{"events", {}};
  for (const auto& ev : spec.events) {
    Entry e{ev.id, "", ev.description, ev.source, {}};
    if (!ev.at.empty()) {
      std::string years;
      for (double y : ev.at) years += (years.empty() ? "" : ", ") + format_number(y);
      e.facts.push_back({"historical, in", years});
    } else {
      e.facts.push_back({"hazard per year", quantity_text(ev.hazard)});
    }
    if (ev.repeatable) e.facts.push_back({"repeatable", "yes"});
    if (!ev.dyad.empty()) e.facts.push_back({"between", strings(ev.dyad)});
    events.entries.push_back(std::move(e));
  }
  out.push_back(std::move(events));

  Section outcomes{"outcomes", {}};
  for (const auto& o : spec.outcomes) {
    Entry e{o.id, o.label, "", "", {}};
    if (!o.unit.empty()) e.facts.push_back({"unit", o.unit});
    e.facts.push_back({"direction", direction_text(o.direction)});
    if (o.headline) e.facts.push_back({"headline", "yes"});
    if (o.min_effect) e.facts.push_back({"min effect", *o.min_effect});
    std::vector<std::string> thresholds;
    for (const auto& t : o.thresholds)
      thresholds.push_back((t.label.empty() ? "" : t.label + ": ") + (t.above ? ">= " : "<= ") + format_number(t.value));
    if (!thresholds.empty()) e.facts.push_back({"thresholds", strings(thresholds)});
    e.facts.push_back({"series", o.series});
    outcomes.entries.push_back(std::move(e));
  }
  out.push_back(std::move(outcomes));

  Section policies{"policies", {}};
  for (const auto& p : spec.policies) {
    Entry e{p.id, p.label, p.description, p.source, {}};
    std::vector<std::string> settings;
    for (const auto& [lever, o] : p.levers) {
      std::string s = lever;
      if (o.intensity) s += " " + format_number(*o.intensity);
      if (o.schedule) s += " (schedule " + schedule_text(*o.schedule) + ")";
      if (o.triggers)
        for (const auto& t : *o.triggers) s += " (" + trigger_text(t) + ")";
      settings.push_back(s);
    }
    if (!settings.empty()) e.facts.push_back({"levers", strings(settings)});
    policies.entries.push_back(std::move(e));
  }
  out.push_back(std::move(policies));
  return out;
}

std::string value_text(const Json& v) {
  if (v.is_number()) return format_number(v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  std::string s;
  for (const auto& item : v) s += (s.empty() ? "" : ", ") + value_text(item);
  return s;
}

// Control characters (C0, DEL, and C1 in UTF-8) become spaces: a scenario
// string must not move the cursor or recolour the terminal.
std::string printable(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += ' ';
      ++i;
    } else {
      out += c < 0x20 || c == 0x7F ? ' ' : s[i];
    }
  }
  return out;
}

std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) == 0x80 ? 0 : 1;
  return n;
}

// `text` in lines of at most `width` columns, each starting with `indent`.
std::string wrap(const std::string& text, const std::string& indent, std::size_t width) {
  std::istringstream words(printable(text));
  std::string word, line, out;
  while (words >> word) {
    if (!line.empty() && columns(indent) + columns(line) + 1 + columns(word) > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return line.empty() ? out : out + indent + line + "\n";
}

std::string title(const std::string& name) { return std::string(1, static_cast<char>(name[0] - 'a' + 'A')) + name.substr(1); }

// Markdown's own syntax and HTML escaped, one line: text from the file reads
// as text in any Markdown renderer.
std::string md(const std::string& s) {
  std::string out;
  for (char ch : printable(s)) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '!': case '~':
        out += '\\';
        out += ch;
        break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace

std::string quantity_text(const Quantity& q) {
  if (!q.ref.empty()) return "uncertainty " + q.ref;
  const Distribution& d = q.dist;
  std::string s;
  switch (d.kind) {
    case DistKind::kFixed: s = format_number(d.p1); break;
    case DistKind::kUniform: s = "uniform on " + range_text(d.p1, d.p2); break;
    case DistKind::kTriangular:
      s = "triangular (min " + format_number(d.p1) + ", mode " + format_number(d.p2) + ", max " + format_number(d.p3) + ")";
      break;
    case DistKind::kNormal: s = "normal (mean " + format_number(d.p1) + ", sd " + format_number(d.p2) + ")"; break;
    case DistKind::kLognormal:
      s = "lognormal (log mean " + format_number(d.p1) + ", log sd " + format_number(d.p2) + ")";
      break;
    case DistKind::kBeta: s = "beta (a " + format_number(d.p1) + ", b " + format_number(d.p2) + ")"; break;
  }
  if (d.truncated) s += " truncated to " + range_text(d.lo, d.hi);
  return s;
}

std::string describe_text(const ScenarioSpec& spec, std::size_t width) {
  std::ostringstream out;
  out << wrap(spec.name + ": " + std::to_string(spec.time.start) + "-" + std::to_string(spec.time.end) + " by " +
                  (spec.time.quarterly ? "quarter" : "year"),
              "", width);
  if (!spec.description.empty()) out << wrap(spec.description, "  ", width);
  for (const Section& sec : sections(spec)) {
    out << "\n" << title(sec.name) << " (" << sec.entries.size() << ")\n";
    for (const Entry& e : sec.entries) {
      const bool labelled = !e.label.empty() && e.label != e.id;
      out << wrap(e.id + (labelled ? " - " + e.label : ""), "  ", width);
      if (!e.description.empty()) out << wrap(e.description, "      ", width);
      std::string facts;
      for (const Fact& f : e.facts) facts += (facts.empty() ? "" : "; ") + f.key + " " + value_text(f.value);
      out << wrap(facts, "      ", width);
      if (!e.source.empty()) out << wrap("source: " + e.source, "      ", width);
    }
  }
  return out.str();
}

Json describe_json(const ScenarioSpec& spec) {
  Json j;
  j["format"] = kDescribeFormat.name;
  j["format_version"] = kDescribeFormat.version;
  j["name"] = spec.name;
  j["description"] = spec.description;
  j["start"] = spec.time.start;
  j["end"] = spec.time.end;
  j["step"] = spec.time.quarterly ? "quarter" : "year";
  for (const Section& sec : sections(spec)) {
    Json items = Json::array();
    for (const Entry& e : sec.entries) {
      Json item;
      item["id"] = e.id;
      if (sec.name == "outcomes" || sec.name == "policies" || sec.name == "levers")
        item["label"] = e.label.empty() ? e.id : e.label;
      if (sec.name == "events" || sec.name == "policies" || sec.name == "levers") item["description"] = e.description;
      for (const Fact& f : e.facts) {
        std::string key = f.key;
        for (char& ch : key)
          if (ch == ' ' || ch == ',') ch = '_';
        if (key == "historical__in") key = "years";
        item[key] = f.value;
      }
      item["source"] = e.source;
      items.push_back(item);
    }
    j[sec.name] = items;
  }
  return j;
}

std::string describe_markdown(const ScenarioSpec& spec) {
  std::ostringstream out;
  out << "# " << md(spec.name) << "\n\n";
  out << md(std::to_string(spec.time.start) + "-" + std::to_string(spec.time.end) + " by " +
            (spec.time.quarterly ? "quarter" : "year"))
      << ".";
  if (!spec.description.empty()) out << " " << md(spec.description);
  out << "\n";
  for (const Section& sec : sections(spec)) {
    out << "\n## " << title(sec.name) << " (" << sec.entries.size() << ")\n\n";
    for (const Entry& e : sec.entries) {
      const bool labelled = !e.label.empty() && e.label != e.id;
      out << "- " << (labelled ? "**" + md(e.label) + "** (" + md(e.id) + ")" : "**" + md(e.id) + "**");
      if (!e.description.empty()) out << ": " << md(e.description);
      out << "\n";
      std::string facts;
      for (const Fact& f : e.facts) facts += (facts.empty() ? "" : "; ") + f.key + " " + value_text(f.value);
      out << "  " << md(facts) << "\n";
      if (!e.source.empty()) out << "  Source: " << md(e.source) << "\n";
    }
  }
  return out.str();
}

}  // namespace entente::analysis
