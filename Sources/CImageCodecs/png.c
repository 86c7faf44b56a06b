// PNG decode/encode through libpng's full API; setjmp lives here so Swift never sees it.
#include "CImageCodecs.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *error;
    size_t capacity;
} png_error_sink;

typedef struct {
    const unsigned char *data;
    size_t size;
    size_t offset;
} png_memory_reader;

typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
    int failed;
} png_memory_writer;

static void record_error(png_structp png, png_const_charp message) {
    png_error_sink *sink = (png_error_sink *)png_get_error_ptr(png);
    if (sink && sink->capacity > 0) snprintf(sink->error, sink->capacity, "%s", message);
    png_longjmp(png, 1);
}

// Warnings (bad CRC in an ancillary chunk, unknown chunks) do not make the pixels wrong.
static void ignore_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void read_from_memory(png_structp png, png_bytep out, png_size_t count) {
    png_memory_reader *reader = (png_memory_reader *)png_get_io_ptr(png);
    if (count > reader->size - reader->offset) png_error(png, "read beyond end of data (truncated PNG)");
    memcpy(out, reader->data + reader->offset, count);
    reader->offset += count;
}

// Shared by both PNG entry points: with `pixels` NULL only the header is read.
static int png_decode(const unsigned char *data, size_t size, int *width, int *height,
                      unsigned char *pixels, size_t capacity, char *error, size_t error_capacity) {
    if (size < 8 || png_sig_cmp((png_const_bytep)data, 0, 8) != 0) {
        snprintf(error, error_capacity, "not a PNG file (bad signature)");
        return 1;
    }
    png_error_sink sink = {error, error_capacity};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, record_error, ignore_warning);
    if (!png) {
        snprintf(error, error_capacity, "out of memory");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    png_memory_reader reader = {data, size, 0};
    png_bytep *volatile rows = NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        free(rows);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        if (!info) snprintf(error, error_capacity, "out of memory");
        return 1;
    }
    png_set_read_fn(png, &reader, read_from_memory);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info);
    png_uint_32 h = png_get_image_height(png, info);
    if (w > 65535 || h > 65535) png_error(png, "image larger than 65535 pixels on a side");
    if (width) *width = (int)w;
    if (height) *height = (int)h;
    if (!pixels) {
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    if (capacity != (size_t)w * h * 3) png_error(png, "output buffer does not match the image size");
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (bit_depth == 16) png_set_strip_16(png);  // high byte, as Pillow's RGB;16B raw mode
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    if (color_type & PNG_COLOR_MASK_ALPHA) png_set_strip_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)w * 3) png_error(png, "unsupported PNG pixel layout");
    rows = malloc(sizeof(png_bytep) * (h ? h : 1));
    if (!rows) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < h; y++) rows[y] = pixels + (size_t)y * w * 3;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

int mb_png_read_size(const unsigned char *data, size_t size, int *width, int *height,
                     char *error, size_t error_capacity) {
    return png_decode(data, size, width, height, NULL, 0, error, error_capacity);
}

int mb_png_decode_rgb(const unsigned char *data, size_t size, unsigned char *pixels, size_t capacity,
                      char *error, size_t error_capacity) {
    return png_decode(data, size, NULL, NULL, pixels, capacity, error, error_capacity);
}

static void write_to_memory(png_structp png, png_bytep bytes, png_size_t count) {
    png_memory_writer *writer = (png_memory_writer *)png_get_io_ptr(png);
    if (writer->size + count > writer->capacity) {
        size_t capacity = writer->capacity ? writer->capacity : 4096;
        while (capacity < writer->size + count) capacity *= 2;
        unsigned char *grown = realloc(writer->data, capacity);
        if (!grown) png_error(png, "out of memory");
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->size, bytes, count);
    writer->size += count;
}

static void flush_nothing(png_structp png) { (void)png; }

int mb_png_encode(const unsigned char *pixels, int width, int height, int channels,
                  unsigned char **encoded, size_t *encoded_size,
                  char *error, size_t error_capacity) {
    *encoded = NULL;
    *encoded_size = 0;
    if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)) {
        snprintf(error, error_capacity, "invalid PNG size %dx%dx%d", width, height, channels);
        return 1;
    }
    png_error_sink sink = {error, error_capacity};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, record_error, ignore_warning);
    if (!png) {
        snprintf(error, error_capacity, "out of memory");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    png_memory_writer writer = {NULL, 0, 0, 0};
    if (!info || setjmp(png_jmpbuf(png))) {
        free(writer.data);
        png_destroy_write_struct(&png, info ? &info : NULL);
        if (!info) snprintf(error, error_capacity, "out of memory");
        return 1;
    }
    png_set_write_fn(png, &writer, write_to_memory, flush_nothing);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
                 channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    // Level 6 is zlib's (and Pillow's) default balance of size and time.
    png_set_compression_level(png, 6);
    png_write_info(png, info);
    for (int y = 0; y < height; y++)
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * width * channels));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    *encoded = writer.data;
    *encoded_size = writer.size;
    return 0;
}

void mb_codec_free(void *buffer) { free(buffer); }
