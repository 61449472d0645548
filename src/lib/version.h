/* The program's version, printed by `yuanqu version` and named in the API description. */
#ifndef YQ_LIB_VERSION_H
#define YQ_LIB_VERSION_H
#define YQ_VERSION "0.2.0"
#endif
