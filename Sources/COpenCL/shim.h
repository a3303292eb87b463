// Exposes the OpenCL 1.2 C API (through the ICD loader) to Swift.
#ifndef TRENDFIT_COPENCL_SHIM_H
#define TRENDFIT_COPENCL_SHIM_H
#define CL_TARGET_OPENCL_VERSION 120
#include <CL/cl.h>
#include <CL/cl_ext.h>
#endif
