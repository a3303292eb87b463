// Small dense linear algebra on private arrays, shared by the fit and bootstrap kernels.
// Matrices are row-major WIDTH x WIDTH; mirrors Sources/TrendFit/Numerics.

// Rotates `incoming` (length width) into the upper-triangular `factor` by Givens rotations.
FORM_INLINE void givens_rotate_row(real *incoming, real *factor, int width) {
    FOR_RANGE(j, 0, width, WIDTH) {
        real a = incoming[j];
        if (a == (real)0) continue;
        real r = factor[j * WIDTH + j];
        if (r == (real)0) {
            FOR_RANGE(k, j, width, WIDTH) factor[j * WIDTH + k] = incoming[k];
            return;
        }
        real hypotenuse = sqrt(r * r + a * a);
        real c = r / hypotenuse;
        real s = a / hypotenuse;
        factor[j * WIDTH + j] = hypotenuse;
        FOR_RANGE(k, j + 1, width, WIDTH) {
            real t = factor[j * WIDTH + k];
            factor[j * WIDTH + k] = c * t + s * incoming[k];
            incoming[k] = c * incoming[k] - s * t;
        }
    }
}
