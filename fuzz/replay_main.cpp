// A main() for the fuzz targets without libFuzzer: runs the target once on
// every file named on the command line, or on every file of every directory
// named, so that any compiler builds the targets and ctest replays their
// corpora in every run.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size);

namespace {

bool replay_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  // Copy into exactly-sized storage, so that ASan sees any read past the end.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(input.data(), input.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path(argv[i]);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::directory_iterator(path)) {
        if (entry.is_regular_file()) {
          if (!replay_file(entry.path())) {
            return 1;
          }
          ++count;
        }
      }
    } else {
      if (!replay_file(path)) {
        return 1;
      }
      ++count;
    }
  }
  std::printf("replay: %zu inputs, no oracle failed\n", count);
  return count == 0 ? 1 : 0;
}
