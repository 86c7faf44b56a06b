// A small C wrapper over libpng and libjpeg with a setjmp-safe error path.
//
// Both libraries report fatal errors by longjmp (libpng) or by calling error_exit, which by default
// exits the process (libjpeg). Swift cannot call setjmp, so every entry point here owns its jmp_buf
// and turns any library error, and any libjpeg warning (a truncated JPEG is only a warning), into a
// non-zero return with a message in `error` (NUL-terminated, at most `error_capacity` bytes).
//
// Decoders always produce 8-bit interleaved RGB, row-major, `width * 3` bytes per row: the one
// layout the Swift `Image` type holds. Decoding is two calls: `*_read_size` parses the header,
// then `*_decode_rgb` writes into a caller-owned buffer of `width * height * 3` bytes (so Swift
// decodes straight into an array's storage, with no copy). Encoders return malloc'd buffers;
// release them with `mb_codec_free`.
#ifndef MASKBENCH_CIMAGECODECS_H
#define MASKBENCH_CIMAGECODECS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Reads a PNG's width and height from its header.
int mb_png_read_size(const unsigned char *data, size_t size, int *width, int *height,
                     char *error, size_t error_capacity);

/// Decodes a PNG (1/2/4/8/16-bit; gray, gray+alpha, RGB, RGBA, palette) to 8-bit RGB in
/// `pixels` (`capacity` bytes, exactly width * height * 3). 16-bit samples keep their high byte
/// and alpha is dropped, as Pillow's `convert("RGB")` does.
int mb_png_decode_rgb(const unsigned char *data, size_t size, unsigned char *pixels, size_t capacity,
                      char *error, size_t error_capacity);

/// Reads a JPEG's width and height from its header.
int mb_jpeg_read_size(const unsigned char *data, size_t size, int *width, int *height,
                      char *error, size_t error_capacity);

/// Decodes a baseline or progressive JPEG (gray, RGB/YCbCr) to 8-bit RGB in `pixels`
/// (`capacity` bytes, exactly width * height * 3) with libjpeg's defaults (islow IDCT, fancy
/// upsampling), the settings Pillow uses.
int mb_jpeg_decode_rgb(const unsigned char *data, size_t size, unsigned char *pixels, size_t capacity,
                       char *error, size_t error_capacity);

/// Encodes 8-bit RGB (`channels` = 3) or gray (`channels` = 1) pixels as a PNG in memory.
int mb_png_encode(const unsigned char *pixels, int width, int height, int channels,
                  unsigned char **encoded, size_t *encoded_size,
                  char *error, size_t error_capacity);

/// Encodes 8-bit RGB pixels as a baseline JPEG of the given quality (1...100) in memory.
int mb_jpeg_encode_rgb(const unsigned char *pixels, int width, int height, int quality,
                       unsigned char **encoded, size_t *encoded_size,
                       char *error, size_t error_capacity);

/// Frees a buffer returned by any function above.
void mb_codec_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
