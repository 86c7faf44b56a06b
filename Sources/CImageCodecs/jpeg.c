// JPEG decode/encode through libjpeg; error_exit longjmps back here instead of exiting.
#include "CImageCodecs.h"

#include <stdio.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char *error;
    size_t capacity;
} jpeg_error_trap;

static void trap_error_exit(j_common_ptr info) {
    jpeg_error_trap *trap = (jpeg_error_trap *)info->err;
    char message[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, message);
    if (trap->capacity > 0) snprintf(trap->error, trap->capacity, "%s", message);
    longjmp(trap->jump, 1);
}

// libjpeg reports a truncated or damaged stream as a warning (level -1) and fills the rest with
// gray; a benchmark must not train on that, so a warning is an error here. Trace messages
// (level > 0) are ignored.
static void trap_emit_message(j_common_ptr info, int level) {
    if (level < 0) trap_error_exit(info);
}

static void install_trap(jpeg_error_trap *trap, char *error, size_t capacity) {
    jpeg_std_error(&trap->manager);
    trap->manager.error_exit = trap_error_exit;
    trap->manager.emit_message = trap_emit_message;
    trap->error = error;
    trap->capacity = capacity;
}

// Shared by both JPEG entry points: with `pixels` NULL only the header is read.
static int jpeg_decode(const unsigned char *data, size_t size, int *width, int *height,
                       unsigned char *pixels, size_t capacity, char *error, size_t error_capacity) {
    if (size < 3 || data[0] != 0xFF || data[1] != 0xD8) {
        snprintf(error, error_capacity, "not a JPEG file (bad signature)");
        return 1;
    }
    struct jpeg_decompress_struct info;
    jpeg_error_trap trap;
    install_trap(&trap, error, error_capacity);
    info.err = &trap.manager;
    if (setjmp(trap.jump)) {
        jpeg_destroy_decompress(&info);
        return 1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    if (width) *width = (int)info.image_width;
    if (height) *height = (int)info.image_height;
    if (!pixels) {
        jpeg_destroy_decompress(&info);
        return 0;
    }
    const char *problem = NULL;
    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) problem = "CMYK JPEG is not supported";
    if (!problem) {
        info.out_color_space = JCS_RGB;
        jpeg_start_decompress(&info);
        if (info.output_components != 3) problem = "unexpected number of output components";
        else if (capacity != (size_t)info.output_width * info.output_height * 3) problem = "output buffer does not match the image size";
    }
    if (problem) {
        snprintf(error, error_capacity, "%s", problem);
        jpeg_destroy_decompress(&info);
        return 1;
    }
    size_t stride = (size_t)info.output_width * 3;
    // Offer several rows per call so libjpeg writes whole row groups in place (no spare buffer).
    JSAMPROW rows[16];
    while (info.output_scanline < info.output_height) {
        JDIMENSION count = info.output_height - info.output_scanline;
        if (count > 16) count = 16;
        for (JDIMENSION i = 0; i < count; i++) rows[i] = pixels + stride * (info.output_scanline + i);
        jpeg_read_scanlines(&info, rows, count);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return 0;
}

int mb_jpeg_read_size(const unsigned char *data, size_t size, int *width, int *height,
                      char *error, size_t error_capacity) {
    return jpeg_decode(data, size, width, height, NULL, 0, error, error_capacity);
}

int mb_jpeg_decode_rgb(const unsigned char *data, size_t size, unsigned char *pixels, size_t capacity,
                       char *error, size_t error_capacity) {
    return jpeg_decode(data, size, NULL, NULL, pixels, capacity, error, error_capacity);
}

int mb_jpeg_encode_rgb(const unsigned char *pixels, int width, int height, int quality,
                       unsigned char **encoded, size_t *encoded_size,
                       char *error, size_t error_capacity) {
    *encoded = NULL;
    *encoded_size = 0;
    if (width <= 0 || height <= 0 || quality < 1 || quality > 100) {
        snprintf(error, error_capacity, "invalid JPEG size %dx%d or quality %d", width, height, quality);
        return 1;
    }
    struct jpeg_compress_struct info;
    jpeg_error_trap trap;
    install_trap(&trap, error, error_capacity);
    info.err = &trap.manager;
    unsigned char *output = NULL;  // address taken, so it survives longjmp in memory
    unsigned long output_size = 0;
    if (setjmp(trap.jump)) {
        jpeg_destroy_compress(&info);
        free(output);
        return 1;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &output, &output_size);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    size_t stride = (size_t)width * 3;
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + stride * info.next_scanline);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    *encoded = output;
    *encoded_size = output_size;
    return 0;
}
