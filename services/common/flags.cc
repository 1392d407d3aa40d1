#include "flags.h"

#include <iostream>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace rinnalla {

void Flags::AddString(std::string name, std::string* target, std::string help) {
  flags_.push_back({std::move(name), std::move(help), *target, false,
                    [target](const std::string& v) {
                      *target = v;
                      return true;
                    }});
}

void Flags::AddInt(std::string name, int* target, std::string help) {
  flags_.push_back({std::move(name), std::move(help), absl::StrCat(*target), false,
                    [target](const std::string& v) { return absl::SimpleAtoi(v, target); }});
}

void Flags::AddDouble(std::string name, double* target, std::string help) {
  flags_.push_back({std::move(name), std::move(help), absl::StrCat(*target), false,
                    [target](const std::string& v) { return absl::SimpleAtod(v, target); }});
}

void Flags::AddBool(std::string name, bool* target, std::string help) {
  flags_.push_back({std::move(name), std::move(help), *target ? "true" : "false", true,
                    [target](const std::string& v) { return absl::SimpleAtob(v, target); }});
}

void Flags::AddDuration(std::string name, absl::Duration* target, std::string help) {
  flags_.push_back({std::move(name), std::move(help), absl::FormatDuration(*target), false,
                    [target](const std::string& v) { return absl::ParseDuration(v, target); }});
}

Flags::Flag* Flags::Find(const std::string& name) {
  for (Flag& f : flags_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

absl::StatusOr<std::vector<std::string>> Flags::Parse(int argc, const char* const* argv) {
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      help_ = true;
      continue;
    }
    if (!absl::StartsWith(arg, "--")) {
      positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    Flag* flag = Find(name);
    if (flag == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    if (!value) {
      if (flag->is_switch) {
        value = "true";
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat("flag --", name, " needs a value"));
      }
    }
    if (!flag->set(*value)) {
      return absl::InvalidArgumentError(
          absl::StrCat("flag --", name, ": cannot read \"", *value, "\""));
    }
  }
  return positional;
}

std::optional<std::vector<std::string>> Flags::ParseCommandLine(int argc,
                                                                const char* const* argv,
                                                                int* exit_code) {
  absl::StatusOr<std::vector<std::string>> args = Parse(argc, argv);
  if (!args.ok()) {
    std::cerr << program_.substr(0, program_.find(' ')) << ": " << args.status().message()
              << " (see --help)\n";
    *exit_code = 2;
    return std::nullopt;
  }
  if (help_) {
    std::cout << Usage();
    *exit_code = 0;
    return std::nullopt;
  }
  return *std::move(args);
}

std::string Flags::Usage() const {
  std::string out = absl::StrCat(program_, ": ", summary_, "\n\nFlags:\n");
  for (const Flag& f : flags_) {
    absl::StrAppend(&out, "  --", f.name, f.is_switch ? "" : "=VALUE", "\n      ", f.help);
    if (!f.default_text.empty()) absl::StrAppend(&out, " (default: ", f.default_text, ")");
    absl::StrAppend(&out, "\n");
  }
  absl::StrAppend(&out, "  --help\n      Show this help.\n");
  return out;
}

}  // namespace rinnalla
