/*
 * Float frames to bytes: scale 0..1 to 0..255, round, and check the range, in one vectorised
 * pass that writes straight into the Java frame array. Serves emitBlock(NDArray) for float
 * tensors on the CPU (DJL has one tensor op per pass: mul, add, two casts, min, max, ~2 ms per
 * 480x640 frame here) and emitBlock(float[]) (a Java loop, ~1.5-2.9 ms); fused, ~0.4 ms.
 * Built by runtime-engine/pom.xml when gcc is present; without it the engine keeps the slower
 * paths (UnitFloatKernel.available() is false).
 */
#include <jni.h>
#include <stdint.h>

/* An AVX2 copy picked at load time where the CPU has it (~2.5x the SSE2 baseline here); clones
 * need glibc's ifunc, so other targets get the baseline only. */
#if defined(__x86_64__) && defined(__GLIBC__)
#define VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VECTOR_CLONES
#endif

/* Branch-free so gcc vectorises it. NaN fails every comparison but v != v, so it counts as out of
 * range. Rounding is (v * 255 + 0.5) truncated, in float, exactly like Java's (built with
 * -ffp-contract=off: no fused multiply-add). */
VECTOR_CLONES
static int convert(const float *restrict src, uint8_t *restrict dst, int n) {
    int bad = 0;
    for (int i = 0; i < n; i++) {
        float v = src[i];
        bad |= (v < 0.0f) | (v > 1.0f) | (v != v);
        dst[i] = (uint8_t) (int32_t) (v * 255.0f + 0.5f);
    }
    return bad;
}

static void throw_state(JNIEnv *env, const char *message) {
    if (!(*env)->ExceptionCheck(env)) {
        jclass error = (*env)->FindClass(env, "java/lang/IllegalStateException");
        if (error != NULL) {
            (*env)->ThrowNew(env, error, message);
        }
    }
}

/* Floats from a direct buffer (a tensor's host memory); the Java side checked the bounds. */
JNIEXPORT jboolean JNICALL Java_dev_reactorstudio_runtime_frame_UnitFloatKernel_fromBuffer(
        JNIEnv *env, jclass cls, jobject floats, jlong first, jbyteArray frame) {
    (void) cls;
    const float *src = (const float *) (*env)->GetDirectBufferAddress(env, floats);
    if (src == NULL) {
        throw_state(env, "unit-float kernel: not a direct buffer");
        return JNI_FALSE;
    }
    jsize n = (*env)->GetArrayLength(env, frame);
    /* Critical: no copy of the frame array; the loop is short and makes no JNI calls. */
    uint8_t *dst = (uint8_t *) (*env)->GetPrimitiveArrayCritical(env, frame, NULL);
    if (dst == NULL) {
        throw_state(env, "unit-float kernel: frame array not pinned");
        return JNI_FALSE;
    }
    int bad = convert(src + first, dst, n);
    (*env)->ReleasePrimitiveArrayCritical(env, frame, dst, 0);
    return bad ? JNI_FALSE : JNI_TRUE;
}

/* Floats from a Java array; the Java side checked the bounds. */
JNIEXPORT jboolean JNICALL Java_dev_reactorstudio_runtime_frame_UnitFloatKernel_fromArray(
        JNIEnv *env, jclass cls, jfloatArray floats, jint first, jbyteArray frame) {
    (void) cls;
    jsize n = (*env)->GetArrayLength(env, frame);
    float *src = (float *) (*env)->GetPrimitiveArrayCritical(env, floats, NULL);
    if (src == NULL) {
        throw_state(env, "unit-float kernel: float array not pinned");
        return JNI_FALSE;
    }
    uint8_t *dst = (uint8_t *) (*env)->GetPrimitiveArrayCritical(env, frame, NULL);
    if (dst == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, floats, src, JNI_ABORT);
        throw_state(env, "unit-float kernel: frame array not pinned");
        return JNI_FALSE;
    }
    int bad = convert(src + first, dst, n);
    (*env)->ReleasePrimitiveArrayCritical(env, frame, dst, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, floats, src, JNI_ABORT);
    return bad ? JNI_FALSE : JNI_TRUE;
}
