// oneDNN's C API (Debian libdnnl-dev 2.6, built on OpenMP) plus the two OpenMP entry points we
// need to apply MaskBench's thread setting to oneDNN. omp.h is not on clang's include path, so the
// prototypes are declared here; libgomp is linked by the module map.
#include <dnnl.h>

void omp_set_num_threads(int count);
int omp_get_max_threads(void);
