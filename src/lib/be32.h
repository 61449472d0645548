/* Big-endian 32-bit words and rotation, shared by the SM3 hash and the SM4 cipher. */
#ifndef YQ_LIB_BE32_H
#define YQ_LIB_BE32_H
#include <stdint.h>

/* x rotated left by n bits (n taken modulo 32). */
static inline uint32_t rotl(uint32_t x, unsigned n)
{
	n &= 31;
	return n ? (x << n) | (x >> (32 - n)) : x;
}

/* The word stored big-endian at p[0..3]. */
static inline uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Stores v big-endian at p[0..3]. */
static inline void store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif
