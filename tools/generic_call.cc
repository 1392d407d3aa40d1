#include "generic_call.h"

#include <grpcpp/generic/generic_stub.h>

namespace rinnalla::tools {

grpc::Status GenericCall(const std::shared_ptr<grpc::Channel>& channel,
                         grpc::ClientContext& context, const std::string& method,
                         const std::vector<grpc::ByteBuffer>& requests,
                         const std::function<void(const grpc::ByteBuffer&)>& on_response) {
  // Each step of the generic (byte) stream waits for its own completion.
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  auto step = [&queue]() {
    void* tag = nullptr;
    bool ok = false;
    return queue.Next(&tag, &ok) && ok;
  };
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, method, &queue);
  call->StartCall(nullptr);
  bool open = step();
  for (const grpc::ByteBuffer& request : requests) {
    if (!open) break;
    call->Write(request, nullptr);
    open = step();
  }
  if (open) {
    call->WritesDone(nullptr);
    step();
  }
  for (grpc::ByteBuffer buffer;;) {
    call->Read(&buffer, nullptr);
    if (!step()) break;
    on_response(buffer);
  }
  grpc::Status status;
  call->Finish(&status, nullptr);
  step();
  queue.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue.Next(&tag, &ok)) {
  }
  return status;
}

grpc::ByteBuffer BufferOf(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return bytes;
}

}  // namespace rinnalla::tools
