#include "in_process_call.h"

namespace rinnalla::http {
namespace {

grpc::ByteBuffer BufferOf(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& s : slices)
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes;
}

}  // namespace

InProcessCall::InProcessCall(grpc::GenericStub& stub, const std::string& method,
                             const CallMetadata& metadata, const std::vector<std::string>& requests,
                             bool unary)
    : made_request_id_(metadata.made_request_id) {
  for (const auto& [name, value] : metadata.headers) context_.AddMetadata(name, value);
  if (metadata.timeout) context_.set_deadline(absl::ToChronoTime(absl::Now() + *metadata.timeout));
  if (unary) {
    unary_ = stub.PrepareUnaryCall(&context_, method, BufferOf(requests.empty() ? "" : requests[0]),
                                   &queue_);
    unary_->StartCall();
    unary_->Finish(&buffer_, &status_, nullptr);
    Step(absl::InfiniteDuration());
    received_ = true;
    return;
  }
  call_ = stub.PrepareCall(&context_, method, &queue_);
  call_->StartCall(nullptr);
  bool open = Step(absl::InfiniteDuration()).value_or(false);
  for (const std::string& request : requests) {
    if (!open) break;
    call_->Write(BufferOf(request), nullptr);
    open = Step(absl::InfiniteDuration()).value_or(false);
  }
  if (open) {
    call_->WritesDone(nullptr);
    Step(absl::InfiniteDuration());
  }
}

InProcessCall::~InProcessCall() {
  if (!done_ && unary_ == nullptr) {
    context_.TryCancel();
    if (reading_) Step(absl::InfiniteDuration());  // the cancelled read completes
    reading_ = false;
    Finish();
  }
  queue_.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue_.Next(&tag, &ok)) {
  }
}

std::optional<bool> InProcessCall::Step(absl::Duration wait) {
  void* tag = nullptr;
  bool ok = false;
  auto deadline = wait == absl::InfiniteDuration() ? std::chrono::system_clock::time_point::max()
                                                   : absl::ToChronoTime(absl::Now() + wait);
  switch (queue_.AsyncNext(&tag, &ok, deadline)) {
    case grpc::CompletionQueue::GOT_EVENT:
      return ok;
    case grpc::CompletionQueue::TIMEOUT:
      return std::nullopt;
    case grpc::CompletionQueue::SHUTDOWN:
      return false;
  }
  return false;
}

InProcessCall::Next InProcessCall::Read(std::string& message, absl::Duration wait) {
  if (done_) return Next::kDone;
  if (unary_ != nullptr) {
    if (status_.ok() && !answered_) {
      answered_ = true;
      message = BytesOf(buffer_);
      return Next::kMessage;
    }
    done_ = true;
    return Next::kDone;
  }
  if (!reading_) {
    call_->Read(&buffer_, nullptr);
    reading_ = true;
  }
  std::optional<bool> read = Step(wait);
  if (!read) return Next::kQuiet;
  reading_ = false;
  received_ = true;
  if (*read) {
    message = BytesOf(buffer_);
    return Next::kMessage;
  }
  Finish();
  return Next::kDone;
}

void InProcessCall::Finish() {
  call_->Finish(&status_, nullptr);
  Step(absl::InfiniteDuration());
  done_ = true;
}

std::string InProcessCall::request_id() const {
  // The server's metadata may be read only once it has arrived: with a message or at the end.
  if (!received_) return made_request_id_;
  std::vector<const std::multimap<grpc::string_ref, grpc::string_ref>*> sources = {
      &context_.GetServerInitialMetadata()};
  if (done_ || unary_ != nullptr) sources.push_back(&context_.GetServerTrailingMetadata());
  for (const auto* metadata : sources) {
    auto it = metadata->find("x-request-id");
    if (it != metadata->end()) return std::string(it->second.data(), it->second.size());
  }
  return made_request_id_;
}

}  // namespace rinnalla::http
