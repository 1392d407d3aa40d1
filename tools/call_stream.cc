#include "call_stream.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "generic_call.h"

namespace rinnalla::tools {
namespace {

// The requests to send, each as JSON text; nullopt (after saying why) when `text` is none.
std::optional<std::vector<std::string>> RequestTexts(const google::protobuf::MethodDescriptor& m,
                                                     const std::string& text) {
  if (!m.client_streaming()) return std::vector<std::string>{text};
  std::vector<std::string> texts;
  if (text == "-") {
    for (std::string line; std::getline(std::cin, line);) {
      if (line.find_first_not_of(" \t\r") != std::string::npos) texts.push_back(line);
    }
    return texts;
  }
  nlohmann::json array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) {
    std::cerr << "rinnalla call: " << m.name()
              << " streams requests: give a JSON array of them, or - to read one per line\n";
    return std::nullopt;
  }
  for (const nlohmann::json& request : array) texts.push_back(request.dump());
  return texts;
}

}  // namespace

int RunStreamingCall(const google::protobuf::MethodDescriptor& method,
                     const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context,
                     const std::string& requests,
                     const std::function<void(const grpc::Status&)>& print_error) {
  std::optional<std::vector<std::string>> texts = RequestTexts(method, requests);
  if (!texts) return 2;
  google::protobuf::DynamicMessageFactory factory;
  std::vector<std::unique_ptr<google::protobuf::Message>> messages;
  for (size_t i = 0; i < texts->size(); ++i) {
    messages.emplace_back(factory.GetPrototype(method.input_type())->New());
    if (auto parsed =
            google::protobuf::util::JsonStringToMessage((*texts)[i], messages.back().get());
        !parsed.ok()) {
      std::cerr << "rinnalla call: request " << i + 1 << " is not a "
                << method.input_type()->full_name() << ": " << parsed.message() << "\n";
      return 2;
    }
  }

  std::vector<grpc::ByteBuffer> buffers;
  for (const auto& message : messages) buffers.push_back(BufferOf(message->SerializeAsString()));
  std::unique_ptr<google::protobuf::Message> response(
      factory.GetPrototype(method.output_type())->New());
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = !method.server_streaming();
  const grpc::Status status =
      GenericCall(channel, context, "/" + method.service()->full_name() + "/" + method.name(),
                  buffers, [&](const grpc::ByteBuffer& buffer) {
                    if (!response->ParseFromString(BytesOf(buffer))) return;
                    std::string json;
                    google::protobuf::util::MessageToJsonString(*response, &json, print);
                    std::cout << json << (method.server_streaming() ? "\n" : "") << std::flush;
                  });
  if (!status.ok()) {
    print_error(status);
    return 1;
  }
  return 0;
}

}  // namespace rinnalla::tools
