// The one codec of a game session's records (records.hpp). Each encoder
// writes its keys in the order and with the C++ number types the journal
// has always held (an int field stays a JSON integer, a double a JSON
// float such as 2030.0), so that encode(decode(text)) == text.
#include "sim/play/records.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/output/formats.hpp"

namespace entente::play {

namespace {

// Where a field is: the stored text's name ("journal entry 7 (move)") and
// the path of the object holding it ("set[0].").
struct At {
  const std::string& where;
  std::string path;
  At in(std::string_view key) const { return {where, path + std::string(key) + "."}; }
  At in(std::string_view key, std::size_t i) const {
    return {where, path + std::string(key) + "[" + std::to_string(i) + "]."};
  }
};

std::string type_of(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "true or false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "a whole number";
    case Json::value_t::number_float: return "a number with a fraction";
    default: return "not a value";
  }
}

[[noreturn]] void fail(const At& at, const std::string& field, const std::string& what) {
  throw RecordError(at.where + ": field '" + at.path + field + "' " + what);
}
[[noreturn]] void wrong_type(const At& at, const std::string& field, const Json& v, const char* expected) {
  fail(at, field, "is " + type_of(v) + ", expected " + expected);
}

const Json& member(const Json& obj, const At& at, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) fail(at, key, "missing");
  return *it;
}

// JSON has no NaN or infinity: the library writes a non-finite double as
// null, so null reads back as NaN (and encodes as null again).
double as_number(const Json& v, const At& at, const std::string& field) {
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) wrong_type(at, field, v, "a number");
  return v.get<double>();
}
double number(const Json& obj, const At& at, const char* key) { return as_number(member(obj, at, key), at, key); }

std::uint64_t count(const Json& obj, const At& at, const char* key) {
  const Json& v = member(obj, at, key);
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer()) {
    if (v.get<std::int64_t>() >= 0) return v.get<std::uint64_t>();
    fail(at, key, "is " + v.dump() + ", expected a whole number >= 0");
  }
  wrong_type(at, key, v, "a whole number >= 0");
}

int integer(const Json& obj, const At& at, const char* key) {
  const Json& v = member(obj, at, key);
  if (v.is_number_integer() || v.is_number_unsigned()) {
    const bool fits = v.is_number_unsigned()
                          ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<int>::max())
                          : v.get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                                v.get<std::int64_t>() <= std::numeric_limits<int>::max();
    if (fits) return v.get<int>();
    fail(at, key, "is " + v.dump() + ", outside the range of a whole number here");
  }
  wrong_type(at, key, v, "a whole number");
}

std::string text(const Json& obj, const At& at, const char* key) {
  const Json& v = member(obj, at, key);
  if (!v.is_string()) wrong_type(at, key, v, "a string");
  return v.get<std::string>();
}

const Json& array(const Json& obj, const At& at, const char* key) {
  const Json& v = member(obj, at, key);
  if (!v.is_array()) wrong_type(at, key, v, "an array");
  return v;
}

const Json& object(const Json& v, const At& at, const std::string& field) {
  if (!v.is_object()) wrong_type(at, field, v, "an object");
  return v;
}

std::vector<double> numbers(const Json& obj, const At& at, const char* key) {
  std::vector<double> out;
  const Json& a = array(obj, at, key);
  for (std::size_t i = 0; i < a.size(); ++i)
    out.push_back(as_number(a[i], at, std::string(key) + "[" + std::to_string(i) + "]"));
  return out;
}

std::vector<std::string> texts(const Json& obj, const At& at, const char* key) {
  std::vector<std::string> out;
  const Json& a = array(obj, at, key);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string()) wrong_type(at, std::string(key) + "[" + std::to_string(i) + "]", a[i], "a string");
    out.push_back(a[i].get<std::string>());
  }
  return out;
}

// The elements of array `key`, each an object, with its location.
template <class F>
void each_object(const Json& obj, const At& at, const char* key, F&& f) {
  const Json& a = array(obj, at, key);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    f(object(a[i], at, field), at.in(key, i));
  }
}

Mode mode_of(const Json& obj, const At& at) {
  const std::string m = text(obj, at, "mode");
  const auto mode = parse_mode(m);
  if (!mode) fail(at, "mode", "is '" + m + "', expected 'draw' or 'median'");
  return *mode;
}

GameSetup read_setup(const Json& j, const At& at) {
  GameSetup s;
  each_object(j, at, "teams", [&](const Json& t, const At& in) {
    Team team;
    team.id = text(t, in, "id");
    team.levers = texts(t, in, "levers");
    s.teams.push_back(std::move(team));
  });
  s.seed = count(j, at, "seed");
  s.mode = mode_of(j, at);
  s.runs_per_turn = count(j, at, "runs_per_turn");
  s.turn_steps = integer(j, at, "turn_steps");
  if (j.contains("conditioned")) {
    const Json& c = object(j.at("conditioned"), at, "conditioned");
    const At in = at.in("conditioned");
    ConditionedStart cs;
    cs.observed_file = text(c, in, "observed_file");
    cs.observed_sha256 = text(c, in, "observed_sha256");
    cs.origin = integer(c, in, "origin");
    cs.observations = count(c, in, "observations");
    cs.particles = count(c, in, "particles");
    cs.map = texts(c, in, "map");
    cs.relative_error = number(c, in, "relative_error");
    cs.ess_threshold = number(c, in, "ess_threshold");
    cs.discount = number(c, in, "discount");
    cs.final_ess = number(c, in, "final_ess");
    cs.history = numbers(c, in, "history");
    s.conditioned = std::move(cs);
  }
  return s;
}

const char* input_kind_name(InputEffect::Kind k) { return k == InputEffect::Kind::kMove ? "move" : "inject"; }

// --- encoders, one per record --------------------------------------------

Json encode(const NewRecord& r) { return {{"setup", setup_to_json(r.setup)}, {"year", r.year}, {"step", r.step}}; }

Json encode(const MoveRecord& r) {
  Json set = Json::array();
  for (const auto& s : r.set) set.push_back({{"lever", s.lever}, {"value", s.value}, {"previous", s.previous}});
  return {{"set", set}};
}

Json encode(const InjectRecord& r) { return {{"event", r.event}, {"note", r.note}}; }

Json encode(const AdjudicationRecord& r) {
  Json dist = Json::array();
  for (const auto& d : r.distribution)
    dist.push_back({{"outcome", d.outcome}, {"before", d.before}, {"mean", d.mean}, {"min", d.min},
                    {"p05", d.p05},         {"p25", d.p25},       {"p50", d.p50},   {"p75", d.p75},
                    {"p95", d.p95},         {"max", d.max},       {"taken", d.taken}});
  Json path = Json::array();
  for (const auto& p : r.path) path.push_back({{"year", p.year}, {"values", p.values}});
  Json events = Json::array();
  for (const auto& e : r.events) events.push_back({{"year", e.year}, {"kind", e.kind}, {"name", e.name}});
  Json attribution = Json::array();
  for (const auto& a : r.attribution) {
    Json entry = a.kind == InputEffect::Kind::kMove
                     ? Json{{"kind", input_kind_name(a.kind)}, {"team", a.team}, {"lever", a.lever},
                            {"from", a.from},                  {"to", a.to}}
                     : Json{{"kind", input_kind_name(a.kind)}, {"event", a.event}};
    entry["effect"] = a.effect;
    attribution.push_back(std::move(entry));
  }
  return {{"futures", r.futures}, {"mode", mode_name(r.mode)}, {"chosen", r.chosen},
          {"step", r.step},       {"year", r.year},            {"distribution", dist},
          {"path", path},         {"events", events},          {"attribution", attribution}};
}

Json encode(const RewindRecord& r) {
  return {{"to_turn", r.to_turn}, {"from_turn", r.from_turn}, {"new_branch", r.new_branch}};
}

Json encode(const ForkRecord& r) {
  return {{"from_turn", r.from_turn}, {"runs", r.runs}, {"policy", r.policy}, {"out", r.out}};
}

// --- decoders, one per record --------------------------------------------

Payload decode_new(const Json& j, const At& at) {
  NewRecord r;
  r.setup = read_setup(object(member(j, at, "setup"), at, "setup"), at.in("setup"));
  r.year = number(j, at, "year");
  r.step = integer(j, at, "step");
  return r;
}

Payload decode_move(const Json& j, const At& at) {
  MoveRecord r;
  each_object(j, at, "set", [&](const Json& s, const At& in) {
    r.set.push_back({text(s, in, "lever"), number(s, in, "value"), number(s, in, "previous")});
  });
  return r;
}

Payload decode_inject(const Json& j, const At& at) { return InjectRecord{text(j, at, "event"), text(j, at, "note")}; }

Payload decode_adjudication(const Json& j, const At& at) {
  AdjudicationRecord r;
  r.futures = count(j, at, "futures");
  r.mode = mode_of(j, at);
  r.chosen = count(j, at, "chosen");
  r.step = integer(j, at, "step");
  r.year = number(j, at, "year");
  each_object(j, at, "distribution", [&](const Json& d, const At& in) {
    OutcomeDistribution o;
    o.outcome = text(d, in, "outcome");
    o.before = number(d, in, "before");
    o.mean = number(d, in, "mean");
    o.min = number(d, in, "min");
    o.p05 = number(d, in, "p05");
    o.p25 = number(d, in, "p25");
    o.p50 = number(d, in, "p50");
    o.p75 = number(d, in, "p75");
    o.p95 = number(d, in, "p95");
    o.max = number(d, in, "max");
    o.taken = number(d, in, "taken");
    r.distribution.push_back(std::move(o));
  });
  each_object(j, at, "path", [&](const Json& p, const At& in) {
    r.path.push_back({number(p, in, "year"), numbers(p, in, "values")});
  });
  each_object(j, at, "events", [&](const Json& e, const At& in) {
    r.events.push_back({number(e, in, "year"), text(e, in, "kind"), text(e, in, "name")});
  });
  each_object(j, at, "attribution", [&](const Json& e, const At& in) {
    InputEffect a;
    const std::string kind = text(e, in, "kind");
    if (kind == "move") {
      a.kind = InputEffect::Kind::kMove;
      a.team = text(e, in, "team");
      a.lever = text(e, in, "lever");
      a.from = number(e, in, "from");
      a.to = number(e, in, "to");
    } else if (kind == "inject") {
      a.kind = InputEffect::Kind::kInject;
      a.event = text(e, in, "event");
    } else {
      fail(in, "kind", "is '" + kind + "', expected 'move' or 'inject'");
    }
    a.effect = numbers(e, in, "effect");
    r.attribution.push_back(std::move(a));
  });
  return r;
}

Payload decode_rewind(const Json& j, const At& at) {
  return RewindRecord{integer(j, at, "to_turn"), integer(j, at, "from_turn"), integer(j, at, "new_branch")};
}

Payload decode_fork(const Json& j, const At& at) {
  return ForkRecord{integer(j, at, "from_turn"), count(j, at, "runs"), text(j, at, "policy"), text(j, at, "out")};
}

}  // namespace

std::string_view mode_name(Mode mode) { return mode == Mode::kDraw ? "draw" : "median"; }

std::optional<Mode> parse_mode(std::string_view text) {
  if (text == "draw") return Mode::kDraw;
  if (text == "median") return Mode::kMedian;
  return std::nullopt;
}

std::string_view kind_name(Action::Kind kind) {
  switch (kind) {
    case Action::Kind::kNew: return "new";
    case Action::Kind::kMove: return "move";
    case Action::Kind::kInject: return "inject";
    case Action::Kind::kAdjudicate: return "adjudicate";
    case Action::Kind::kRewind: return "rewind";
    case Action::Kind::kFork: return "fork";
  }
  return "new";
}

std::optional<Action::Kind> parse_kind(std::string_view text) {
  for (auto k : {Action::Kind::kNew, Action::Kind::kMove, Action::Kind::kInject, Action::Kind::kAdjudicate,
                 Action::Kind::kRewind, Action::Kind::kFork})
    if (kind_name(k) == text) return k;
  return std::nullopt;
}

Action Action::of(Payload payload, int turn, int branch, std::string team) {
  Action a;
  a.kind = static_cast<Kind>(payload.index());
  a.turn = turn;
  a.branch = branch;
  a.team = std::move(team);
  a.payload = std::move(payload);
  return a;
}

void Action::throw_kind_mismatch() const {
  throw std::logic_error("a " + std::string(kind_name(static_cast<Kind>(payload.index()))) + " record read as " +
                         "another kind (entry kind " + std::string(kind_name(kind)) + ")");
}

Json setup_to_json(const GameSetup& setup) {
  Json teams = Json::array();
  for (const auto& t : setup.teams) teams.push_back({{"id", t.id}, {"levers", t.levers}});
  Json j = {{"teams", teams},
            {"seed", setup.seed},
            {"mode", mode_name(setup.mode)},
            {"runs_per_turn", setup.runs_per_turn},
            {"turn_steps", setup.turn_steps}};
  // Only a conditioned game carries the key, so older sessions read as before.
  if (const auto& c = setup.conditioned)
    j["conditioned"] = {{"observed_file", c->observed_file}, {"observed_sha256", c->observed_sha256},
                        {"origin", c->origin},          {"observations", c->observations},
                        {"particles", c->particles},    {"map", c->map},
                        {"relative_error", c->relative_error}, {"ess_threshold", c->ess_threshold},
                        {"discount", c->discount},      {"final_ess", c->final_ess},
                        {"history", c->history}};
  return j;
}

GameSetup setup_from_json(const Json& json, const std::string& where) {
  if (!json.is_object()) throw RecordError(where + ": is " + type_of(json) + ", expected an object");
  return read_setup(json, At{where, ""});
}

Json payload_to_json(const Action& a) {
  if (static_cast<Action::Kind>(a.payload.index()) != a.kind)
    throw std::logic_error("payload_to_json: a " + std::string(kind_name(a.kind)) + " entry holds a " +
                           std::string(kind_name(static_cast<Action::Kind>(a.payload.index()))) + " record");
  return std::visit([](const auto& r) { return encode(r); }, a.payload);
}

std::string payload_text(const Action& a) { return payload_to_json(a).dump(); }

Payload payload_from_json(Action::Kind kind, const Json& j, const std::string& where) {
  if (!j.is_object()) throw RecordError(where + ": the payload is " + type_of(j) + ", expected an object");
  const At at{where, ""};
  switch (kind) {
    case Action::Kind::kNew: return decode_new(j, at);
    case Action::Kind::kMove: return decode_move(j, at);
    case Action::Kind::kInject: return decode_inject(j, at);
    case Action::Kind::kAdjudicate: return decode_adjudication(j, at);
    case Action::Kind::kRewind: return decode_rewind(j, at);
    case Action::Kind::kFork: return decode_fork(j, at);
  }
  throw std::logic_error("payload_from_json: unknown kind");
}

Payload decode_payload(Action::Kind kind, const std::string& text, const std::string& where) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw RecordError(where + ": the payload is not JSON (" + e.what() + ")");
  }
  Payload p = payload_from_json(kind, j, where);
  // Every field read, but the text may hold more (a key this build does
  // not know) or spell a number otherwise: refuse rather than rewrite it.
  const std::string again = std::visit([](const auto& r) { return encode(r); }, p).dump();
  if (again != text) {
    std::size_t at = 0;
    while (at < again.size() && at < text.size() && again[at] == text[at]) ++at;
    throw RecordError(where + ": the payload is not a " + std::string(kind_name(kind)) + " record of " +
                      kPlaySessionFormat.name + " format version " + std::to_string(kPlaySessionFormat.version) +
                      " (it differs from that record's canonical text at byte " + std::to_string(at) +
                      "); this entente reads only that form and leaves the session as it is");
  }
  return p;
}

}  // namespace entente::play
