#include "sim/play/state_codec.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "sim/util/sha256.hpp"

namespace entente::play {

namespace {

constexpr std::string_view kMagic = "ENTSTAT4";

// RunState's fields as of format 1. When this fails, a field was added or
// removed: a shared field (a row of sim/model/shared_fields.hpp) is encoded
// already, so only update the size; any other field, encode and decode it
// below first. (A new shared row makes the encoding a new format: bump kMagic
// when old sessions must be refused.)
static_assert(sizeof(void*) != 8 || sizeof(RunState) == 808,
              "RunState changed: update encode_state/decode_state (sim/play/state_codec.cpp) and this size");

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void i32(int v) { u32(static_cast<std::uint32_t>(v)); }
  void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }
  void doubles(const std::vector<double>& v) {
    u64(v.size());
    for (double x : v) f64(x);
  }
  void bytes(const std::vector<std::uint8_t>& v) {
    u64(v.size());
    for (auto x : v) u8(x);
  }
  void words(const std::vector<std::uint32_t>& v) {
    u64(v.size());
    for (auto x : v) u32(x);
  }
  void streams(const std::vector<Stream>& v) {
    u64(v.size());
    for (const auto& s : v)
      for (auto w : s.state()) u64(w);
  }
  std::string take() { return std::move(out_); }
  void raw(std::string_view s) { out_.append(s); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint8_t u8() {
    need(1);
    return static_cast<std::uint8_t>(in_[pos_++]);
  }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(u8()) << (8 * i);
    return v;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(u8()) << (8 * i);
    return v;
  }
  int i32() { return static_cast<int>(u32()); }
  double f64() { return std::bit_cast<double>(u64()); }
  std::size_t length(std::size_t element_size) {
    const std::uint64_t n = u64();
    if (n > (in_.size() - pos_) / element_size) throw StateFormatError("state: a length runs past the end");
    return static_cast<std::size_t>(n);
  }
  void doubles(std::vector<double>& v) {
    v.resize(length(8));
    for (auto& x : v) x = f64();
  }
  void bytes(std::vector<std::uint8_t>& v) {
    v.resize(length(1));
    for (auto& x : v) x = u8();
  }
  void words(std::vector<std::uint32_t>& v) {
    v.resize(length(4));
    for (auto& x : v) x = u32();
  }
  void streams(std::vector<Stream>& v) {
    const std::size_t n = length(32);
    v.clear();
    v.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::array<std::uint64_t, 4> s{};
      for (auto& w : s) w = u64();
      v.push_back(Stream::from_state(s));
    }
  }
  void expect(std::string_view magic) {
    need(magic.size());
    if (in_.substr(pos_, magic.size()) != magic) throw StateFormatError("state: not an entente state (format 1)");
    pos_ += magic.size();
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  void need(std::size_t n) const {
    if (in_.size() - pos_ < n) throw StateFormatError("state: truncated");
  }
  std::string_view in_;
  std::size_t pos_ = 0;
};

// The shared fields (sim/model/shared_fields.hpp) other than gdp and flows,
// in row order: a new row is encoded without touching this file.
bool encoded_with_engine_fields(SharedField f) { return f == SharedField::gdp || f == SharedField::flows; }

void encode_shared_fields(Writer& w, const RunState& s) {
  for_each_shared_field(s, [&](const SharedFieldInfo& f, const auto& member) {
    if (encoded_with_engine_fields(f.field)) return;
    using Member = std::remove_cvref_t<decltype(member)>;
    if constexpr (std::is_same_v<Member, double>) w.f64(member);
    else if constexpr (std::is_same_v<Member, std::vector<double>>) w.doubles(member);
    else w.bytes(member);
  });
}

void decode_shared_fields(Reader& r, RunState& s) {
  for_each_shared_field(s, [&](const SharedFieldInfo& f, auto& member) {
    if (encoded_with_engine_fields(f.field)) return;
    using Member = std::remove_cvref_t<decltype(member)>;
    if constexpr (std::is_same_v<Member, double>) member = r.f64();
    else if constexpr (std::is_same_v<Member, std::vector<double>>) r.doubles(member);
    else r.bytes(member);
  });
}

}  // namespace

std::string encode_state(const RunState& s) {
  Writer w;
  w.raw(kMagic);
  w.u64(s.run);
  w.i32(s.step);
  w.f64(s.year);
  w.f64(s.dt);
  w.u64(s.n_actors);
  w.doubles(s.sampled);
  w.doubles(s.gdp);  // gdp and flows keep their format-1 places beside their start values
  w.doubles(s.gdp_initial);
  w.doubles(s.flows);
  w.doubles(s.flows_initial);
  w.doubles(s.lever_intensity);
  w.doubles(s.lever_override);
  w.words(s.event_count);
  w.bytes(s.event_fired_now);
  w.bytes(s.trigger_fired);
  w.u64(s.log.size());
  for (const auto& e : s.log) {
    w.i32(e.step);
    w.u8(static_cast<std::uint8_t>(e.kind));
    w.u32(e.index);
  }
  encode_shared_fields(w, s);
  w.doubles(s.model_state);
  w.doubles(s.series);
  w.streams(s.shock_streams);
  w.streams(s.event_streams);
  w.streams(s.model_streams);
  return w.take();
}

RunState decode_state(std::string_view bytes) {
  Reader r(bytes);
  r.expect(kMagic);
  RunState s;
  s.run = r.u64();
  s.step = r.i32();
  s.year = r.f64();
  s.dt = r.f64();
  s.n_actors = static_cast<std::size_t>(r.u64());
  r.doubles(s.sampled);
  r.doubles(s.gdp);
  r.doubles(s.gdp_initial);
  r.doubles(s.flows);
  r.doubles(s.flows_initial);
  r.doubles(s.lever_intensity);
  r.doubles(s.lever_override);
  r.words(s.event_count);
  r.bytes(s.event_fired_now);
  r.bytes(s.trigger_fired);
  s.log.resize(r.length(9));
  for (auto& e : s.log) {
    e.step = r.i32();
    const std::uint8_t kind = r.u8();
    if (kind > static_cast<std::uint8_t>(LogEntry::Kind::kTrigger)) throw StateFormatError("state: bad log entry");
    e.kind = static_cast<LogEntry::Kind>(kind);
    e.index = r.u32();
  }
  decode_shared_fields(r, s);
  r.doubles(s.model_state);
  r.doubles(s.series);
  r.streams(s.shock_streams);
  r.streams(s.event_streams);
  r.streams(s.model_streams);
  if (!r.done()) throw StateFormatError("state: trailing bytes");
  return s;
}

std::string state_digest(const RunState& state) { return sha256_hex(encode_state(state)); }

}  // namespace entente::play
