"""Scoring every pair of topics with sparse matrix products, in blocks of bounded size.

The unit TF-IDF vectors of `curriculum.overlap` are the rows of a sparse matrix X (scipy CSR), features
ranked from most to least frequent. X · Xᵀ would hold every pair's cosine, but the frequent features make
it nearly dense, and almost all of it lies far below any useful threshold. So, as in the AllPairs scheme
(Bayardo, Ma and Srikant, 2007), each row is split into a prefix P of its most frequent features, as
long as the most they could add to any cosine — min(Σ w·max_w, ‖prefix‖) — stays below the threshold,
and the rest S. Two topics reaching the threshold must then share a feature of S of one of them, so the
product of a block of rows of X with Sᵀ holds every qualifying pair; its entries are completed exactly
with the few prefix products (x · P_y) of the candidates the bound does not already rule out. The
result is exact for every pair at or above the threshold: the same pairs and scores as scoring every pair
one by one (the tests hold it to a plain-Python reference).

Memory: a block has as many rows as keep its product under `BLOCK_ENTRIES` entries even if it were
dense, so the working set does not grow with the square of the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

BLOCK_ENTRIES = 2_000_000
_EPS = 1e-9


class Corpus:
    """The documents' weighted term frequencies as a unit TF-IDF matrix."""

    def __init__(self, counts: Sequence[dict[str, float]]):
        self.counts = counts
        n = len(counts)
        index: dict[str, int] = {}
        setdefault = index.setdefault
        cols: list[int] = []
        tfs: list[float] = []
        lengths = np.empty(n, dtype=np.int64)
        for i, c in enumerate(counts):
            for f in c:
                cols.append(setdefault(f, len(index)))
            tfs.extend(c.values())
            lengths[i] = len(c)
        self.index = index
        col = np.asarray(cols, dtype=np.int64)
        df = np.bincount(col, minlength=len(index))
        self.idf = np.log((n + 1) / (df + 1.0)) + 1.0
        data = (1.0 + np.log(np.asarray(tfs, dtype=np.float64))) * self.idf[col]
        self.rows = np.repeat(np.arange(n), lengths)
        norms = np.sqrt(np.bincount(self.rows, weights=data * data, minlength=n))
        norms[norms == 0] = 1.0
        data /= norms[self.rows]
        self.norms = norms
        # Most frequent feature first, so each row's sorted indices start with its frequent features.
        rank = np.empty(len(index), dtype=np.int64)
        rank[np.argsort(-df, kind="stable")] = np.arange(len(index))
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        matrix = sparse.csr_matrix((data, rank[col], indptr), shape=(n, len(index)))
        matrix.sort_indices()
        self.matrix = matrix

    def vector(self, i: int) -> dict[str, float]:
        """Row i as a dict of feature → weight (for explanations)."""
        norm = self.norms[i]
        return {f: float((1.0 + np.log(tf)) * self.idf[self.index[f]] / norm) for f, tf in self.counts[i].items()}


def _split(matrix: sparse.csr_matrix, rows: np.ndarray, threshold: float):
    """Each row's prefix (as a matrix), its bound, its norm, and the rank where its suffix starts; and
    the within-row running sum of squared weights."""
    data, indices = matrix.data, matrix.indices
    n, width = matrix.shape
    max_weight = np.zeros(width)
    np.maximum.at(max_weight, indices, data)
    by_max = np.cumsum(data * max_weight[indices])
    by_norm = np.cumsum(data * data)
    starts = matrix.indptr[:-1]
    by_max -= np.concatenate(([0.0], by_max))[starts][rows]
    by_norm -= np.concatenate(([0.0], by_norm))[starts][rows]
    bound = np.minimum(by_max, np.sqrt(by_norm))
    in_prefix = bound < threshold  # increasing along a row: a leading run
    prefix_bound = np.zeros(n)
    np.maximum.at(prefix_bound, rows[in_prefix], bound[in_prefix])
    prefix_norm = np.zeros(n)
    np.maximum.at(prefix_norm, rows[in_prefix], np.sqrt(by_norm[in_prefix]))
    boundary = np.full(n, width, dtype=np.int64)
    np.minimum.at(boundary, rows[~in_prefix], indices[~in_prefix])
    # Own copies of the index arrays: eliminate_zeros rewrites them in place.
    prefix = sparse.csr_matrix((np.where(in_prefix, data, 0.0), indices.copy(), matrix.indptr.copy()),
                               shape=matrix.shape)
    suffix = sparse.csr_matrix((np.where(in_prefix, 0.0, data), indices.copy(), matrix.indptr.copy()),
                               shape=matrix.shape)
    prefix.eliminate_zeros()
    suffix.eliminate_zeros()
    return prefix, suffix, prefix_bound, prefix_norm, boundary, by_norm


def _prefix_products(matrix, keys, prefix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x_a · prefix_b for each candidate: the prefix entries of b looked up in a's row."""
    width = matrix.shape[1]
    starts = prefix.indptr[b]
    lengths = prefix.indptr[b + 1] - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(len(a))
    owner = np.repeat(np.arange(len(a)), lengths)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    positions = starts[owner] + (np.arange(total) - offsets[owner])
    wanted = a[owner] * width + prefix.indices[positions]
    found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    hit = keys[found] == wanted
    products = np.where(hit, matrix.data[found], 0.0) * prefix.data[positions]
    return np.bincount(owner, weights=products, minlength=len(a))


def score_pairs(corpus: Corpus, groups: Sequence[object], threshold: float, *,
                focus: Sequence[int] | None = None, block_entries: int = BLOCK_ENTRIES) -> list[tuple[int, int, float]]:
    """(i, j, cosine) with i < j for every pair of different groups at or above the threshold, best first;
    with `focus`, only pairs with at least one document in it."""
    matrix = corpus.matrix
    n, width = matrix.shape
    if n < 2 or not matrix.nnz:
        return []
    limit = threshold - _EPS
    codes: dict[object, int] = {}
    group = np.fromiter((codes.setdefault(g, len(codes)) for g in groups), dtype=np.int64, count=n)
    prefix, suffix, prefix_bound, prefix_norm, boundary, by_norm = _split(matrix, corpus.rows, limit)
    suffix_t = suffix.T.tocsr()
    keys = corpus.rows * width + matrix.indices  # increasing: rows in order, sorted columns within rows
    in_focus = None
    if focus is None:
        order = np.arange(n)
    else:
        order = np.asarray(focus, dtype=np.int64)
        in_focus = np.zeros(n, dtype=bool)
        in_focus[order] = True
    step = max(1, block_entries // n)
    found_a, found_b, found_s = [], [], []
    for start in range(0, len(order), step):
        rows = order[start:start + step]
        block = matrix[rows[0]:rows[-1] + 1] if focus is None else matrix[rows]
        candidates = (block @ suffix_t).tocoo()
        a = rows[candidates.row]
        b = candidates.col.astype(np.int64)
        partial = candidates.data
        keep = (b > a) if in_focus is None else ((b > a) | ~in_focus[b])
        keep &= group[a] != group[b]
        keep &= partial + prefix_bound[b] >= limit
        a, b, partial = a[keep], b[keep], partial[keep]
        # Tighter: b's prefix only meets a's features ranked before b's boundary (Cauchy–Schwarz).
        before = np.searchsorted(keys, a * width + boundary[b]) - matrix.indptr[a]
        head = np.where(before > 0, np.sqrt(by_norm[matrix.indptr[a] + np.maximum(before, 1) - 1]), 0.0)
        keep = partial + np.minimum(prefix_bound[b], head * prefix_norm[b]) >= limit
        a, b, partial = a[keep], b[keep], partial[keep]
        partial = partial + _prefix_products(matrix, keys, prefix, a, b)
        keep = partial >= limit
        found_a.append(np.minimum(a[keep], b[keep]))
        found_b.append(np.maximum(a[keep], b[keep]))
        found_s.append(partial[keep])
    a, b, s = np.concatenate(found_a), np.concatenate(found_b), np.concatenate(found_s)
    order = np.lexsort((b, a, -s))
    return list(zip(a[order].tolist(), b[order].tolist(), s[order].tolist(), strict=True))
