/*
 * emitBlock(NDArray) for float tensors on the CPU: scale 0..1 to 0..255, round, and check the
 * range, in one vectorised pass that writes straight into the Java frame array. DJL only offers
 * one tensor op per pass (mul, add, two casts, min, max: ~2 ms per 480x640 frame here); fused,
 * the same work is ~0.3 ms. Built by runtime-engine/pom.xml when gcc is present; without it
 * the engine keeps using the tensor ops (UnitFloatKernel.available() is false).
 */
#include <jni.h>
#include <stdint.h>

/* Branch-free so gcc vectorises it (AVX2 where the CPU has it). NaN fails every comparison but
 * v != v, so it counts as out of range. Rounding is (v * 255 + 0.5) truncated, in float, exactly
 * like FrameConverter.fromFloats (built with -ffp-contract=off: no fused multiply-add). */
__attribute__((target_clones("avx2", "default")))
static int convert(const float *restrict src, uint8_t *restrict dst, int n) {
    int bad = 0;
    for (int i = 0; i < n; i++) {
        float v = src[i];
        bad |= (v < 0.0f) | (v > 1.0f) | (v != v);
        dst[i] = (uint8_t) (int32_t) (v * 255.0f + 0.5f);
    }
    return bad;
}

JNIEXPORT jboolean JNICALL Java_dev_reactorstudio_runtime_djl_UnitFloatKernel_toBytes0(
        JNIEnv *env, jclass cls, jobject floats, jlong first, jbyteArray frame) {
    (void) cls;
    const float *src = (const float *) (*env)->GetDirectBufferAddress(env, floats);
    jsize n = (*env)->GetArrayLength(env, frame);
    /* Critical: no copy of the frame array; the loop is short and makes no JNI calls. */
    uint8_t *dst = (uint8_t *) (*env)->GetPrimitiveArrayCritical(env, frame, NULL);
    if (src == NULL || dst == NULL) {
        if (dst != NULL) {
            (*env)->ReleasePrimitiveArrayCritical(env, frame, dst, JNI_ABORT);
        }
        if (!(*env)->ExceptionCheck(env)) {
            jclass error = (*env)->FindClass(env, "java/lang/IllegalStateException");
            if (error != NULL) {
                (*env)->ThrowNew(env, error, "unit-float kernel: buffer is not direct or frame not pinned");
            }
        }
        return JNI_FALSE;
    }
    int bad = convert(src + first, dst, n);
    (*env)->ReleasePrimitiveArrayCritical(env, frame, dst, 0);
    return bad ? JNI_FALSE : JNI_TRUE;
}
