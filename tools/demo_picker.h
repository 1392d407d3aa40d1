#ifndef RINNALLA_TOOLS_DEMO_PICKER_H_
#define RINNALLA_TOOLS_DEMO_PICKER_H_

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace rinnalla::tools {

// The demo data's dice: the same seed, the same choices.
class Picker {
 public:
  explicit Picker(int seed) : random_(seed) {}
  template <typename T>
  const T& One(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random_)];
  }
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  // True `percent` times in a hundred.
  bool Chance(int percent) { return Between(1, 100) <= percent; }
  // Up to `n` different items.
  std::vector<std::string> Some(const std::vector<std::string>& from, int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
      const std::string& item = One(from);
      if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    }
    return out;
  }

 private:
  std::mt19937 random_;
};

}  // namespace rinnalla::tools

#endif  // RINNALLA_TOOLS_DEMO_PICKER_H_
