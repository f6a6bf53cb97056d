// Golden values of the RNG contract (docs/reproducibility.md). If one of
// these changes, every published result changes: only update them with a
// deliberate, documented break of reproducibility.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "sim/rng/stream.hpp"
#include "sim/util/hash.hpp"

using namespace entente;

TEST_CASE("hash functions match their published reference values", "[rng]") {
  CHECK(splitmix64(0) == 0xe220a8397b1dcdafULL);   // first output of SplitMix64 seeded with 0
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);      // FNV-1a offset basis
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);     // FNV-1a test vector
  CHECK(stream_id("russia") == 0xadea689e7aa518ecULL);
}

TEST_CASE("each stream purpose has pinned first values", "[rng]") {
  struct Golden {
    StreamPurpose purpose;
    std::uint64_t first, second;
    double uniform, normal;
  };
  const Golden golden[] = {
      {StreamPurpose::kUncertainty, 0x04ed75c08b55822bULL, 0x6fec861464edb640ULL, 0.55294284936461058, 1.3777488184376048},
      {StreamPurpose::kShock, 0x57300b3a2d8b9964ULL, 0xe6dc123dc92040fdULL, 0.08072312818936378, -0.13352055706926683},
      {StreamPurpose::kEvent, 0x73a8163cae0d4281ULL, 0x8e028cd583d71847ULL, 0.081166466364926415, -0.2565839814735188},
      {StreamPurpose::kModel, 0x56f674ed4780fed6ULL, 0xc02f91525278aea2ULL, 0.64190776271321137, 0.044777246834139348},
      {StreamPurpose::kAdjudication, 0xd6d25f61d289ee99ULL, 0x639bd9f3491838d2ULL, 0.1501754039241584, -1.6341035492958895},
      {StreamPurpose::kDesign, 0xec3644be7fe33dd4ULL, 0xb2ebdc92657f66acULL, 0.49658547604112535, 1.4462309777424245},
  };
  for (const auto& g : golden) {
    Stream s(StreamKey{42, 0, 7, g.purpose, stream_id("russia")});
    CHECK(s.next_u64() == g.first);
    CHECK(s.next_u64() == g.second);
    CHECK(s.uniform() == g.uniform);
    CHECK(s.normal() == g.normal);
  }
}

TEST_CASE("every component of the stream key changes the stream", "[rng]") {
  const StreamKey base{1, 2, 3, StreamPurpose::kShock, 4};
  std::set<std::uint64_t> firsts;
  auto first = [](StreamKey k) { return Stream(k).next_u64(); };
  firsts.insert(first(base));
  StreamKey k = base;
  k.seed = 9;
  firsts.insert(first(k));
  k = base;
  k.design_point = 9;
  firsts.insert(first(k));
  k = base;
  k.run = 9;
  firsts.insert(first(k));
  k = base;
  k.purpose = StreamPurpose::kEvent;
  firsts.insert(first(k));
  k = base;
  k.id = 9;
  firsts.insert(first(k));
  CHECK(firsts.size() == 6);
  // The same key always gives the same stream.
  CHECK(first(base) == first(base));
}

TEST_CASE("uniforms lie strictly inside (0,1) with the right mean and variance", "[rng]") {
  Stream s(StreamKey{7, 0, 0, StreamPurpose::kModel, 1});
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  // Mean of U(0,1) is 1/2 with sd sqrt(1/12); 4 standard errors.
  CHECK(std::fabs(mean - 0.5) < 4 * std::sqrt(1.0 / 12.0 / n));
  CHECK(std::fabs(var - 1.0 / 12.0) < 0.002);
}

TEST_CASE("normal draws have mean 0 and variance 1", "[rng]") {
  Stream s(StreamKey{11, 0, 0, StreamPurpose::kShock, 2});
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = s.normal();
    REQUIRE(std::isfinite(z));
    sum += z;
    sum2 += z * z;
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(std::fabs(mean) < 4.0 / std::sqrt(n));
  // Var of the sample variance of N(0,1) is about 2/n.
  CHECK(std::fabs(var - 1.0) < 4 * std::sqrt(2.0 / n));
}

TEST_CASE("a stream restored from its state continues identically", "[rng]") {
  Stream a(StreamKey{5, 0, 3, StreamPurpose::kEvent, 8});
  a.next_u64();
  Stream b = Stream::from_state(a.state());
  for (int i = 0; i < 10; ++i) CHECK(a.next_u64() == b.next_u64());
}
