/* Viterbi decoding for pantau.nlp.crf: the same loops as crfsuite's (first best on ties). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *decode(PyObject *self, PyObject *args) {
    Py_buffer em, lens, tr, out;
    if (!PyArg_ParseTuple(args, "y*y*y*w*", &em, &lens, &tr, &out)) return NULL;
    PyObject *result = NULL;
    Py_ssize_t L = 0;
    while ((L + 1) * (L + 1) * (Py_ssize_t)sizeof(double) <= tr.len) L++;
    const double *e = (const double *)em.buf, *t = (const double *)tr.buf;
    const long long *len = (const long long *)lens.buf;
    long long *o = (long long *)out.buf;
    Py_ssize_t n_sent = lens.len / (Py_ssize_t)sizeof(long long);
    Py_ssize_t n = em.len / (Py_ssize_t)(sizeof(double) * (L ? L : 1));
    if (L == 0 || (Py_ssize_t)(L * L * sizeof(double)) != tr.len || out.len < (Py_ssize_t)(n * sizeof(long long))) {
        PyErr_SetString(PyExc_ValueError, "viterbi: buffer sizes do not match");
        goto done;
    }
    Py_ssize_t longest = 0, total = 0;
    for (Py_ssize_t s = 0; s < n_sent; s++) { if (len[s] > longest) longest = len[s]; total += len[s]; }
    if (total != n) { PyErr_SetString(PyExc_ValueError, "viterbi: lengths do not add up"); goto done; }
    double *score = PyMem_Malloc(sizeof(double) * 2 * L);
    int *back = PyMem_Malloc(sizeof(int) * (longest ? longest : 1) * L);
    if (!score || !back) { PyMem_Free(score); PyMem_Free(back); PyErr_NoMemory(); goto done; }
    Py_BEGIN_ALLOW_THREADS
    const double *es = e;
    long long *os = o;
    for (Py_ssize_t s = 0; s < n_sent; s++) {
        Py_ssize_t T = len[s];
        double *cur = score, *nxt = score + L;
        for (Py_ssize_t j = 0; j < L; j++) cur[j] = es[j];
        for (Py_ssize_t k = 1; k < T; k++) {
            for (Py_ssize_t j = 0; j < L; j++) {
                double best = -1e308; int arg = -1;
                for (Py_ssize_t i = 0; i < L; i++) {
                    double v = cur[i] + t[i * L + j];
                    if (best < v) { best = v; arg = (int)i; }
                }
                back[k * L + j] = arg;
                nxt[j] = best + es[k * L + j];
            }
            double *tmp = cur; cur = nxt; nxt = tmp;
        }
        if (T > 0) {
            double best = -1e308; int arg = 0;
            for (Py_ssize_t j = 0; j < L; j++) if (best < cur[j]) { best = cur[j]; arg = (int)j; }
            for (Py_ssize_t k = T - 1; k >= 0; k--) {
                os[k] = arg;
                if (k > 0) arg = back[k * L + arg];
            }
        }
        es += T * L;
        os += T;
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(score);
    PyMem_Free(back);
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&em); PyBuffer_Release(&lens); PyBuffer_Release(&tr); PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"decode", decode, METH_VARARGS,
     "decode(emissions, lengths, transitions, out): best labels of consecutive sentences."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_viterbi", NULL, -1, methods};

PyMODINIT_FUNC PyInit__viterbi(void) { return PyModule_Create(&module); }
