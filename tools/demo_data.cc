#include <iostream>

#include "commands.h"

namespace rinnalla::tools {

int RunDemoData(const CommandOptions&) {
  std::cerr << "rinnalla demo-data: not available yet\n";
  return 1;
}

}  // namespace rinnalla::tools
