#pragma once
// An std::istream over bytes the caller owns (no copy), so in-memory input takes the streaming path.

#include <istream>
#include <streambuf>
#include <string_view>

namespace xborder::detail {

class MemoryStreambuf : public std::streambuf {
 public:
  explicit MemoryStreambuf(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // read-only: the get area is never written
    setg(begin, begin, begin + bytes.size());
  }

  // The bytes not read yet, as a view of the caller's bytes; the stream is then at its end.
  std::string_view take_rest() {
    const std::string_view rest(gptr(), static_cast<std::size_t>(egptr() - gptr()));
    setg(eback(), egptr(), egptr());
    return rest;
  }

 protected:
  pos_type seekoff(off_type offset, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    char* target = (dir == std::ios_base::beg ? eback() : dir == std::ios_base::cur ? gptr() : egptr()) + offset;
    if (target < eback() || target > egptr()) return pos_type(off_type(-1));
    setg(eback(), target, egptr());
    return pos_type(target - eback());
  }
  pos_type seekpos(pos_type position, std::ios_base::openmode mode) override {
    return seekoff(off_type(position), std::ios_base::beg, mode);
  }
};

class MemoryStream : public std::istream {
 public:
  explicit MemoryStream(std::string_view bytes) : std::istream(nullptr), buffer_(bytes) { rdbuf(&buffer_); }

 private:
  MemoryStreambuf buffer_;
};

}  // namespace xborder::detail
