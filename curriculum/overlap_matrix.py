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


def _rows(m: sparse.csr_matrix, start: int, stop: int) -> sparse.csr_matrix:
    """Rows start..stop-1 of a CSR matrix as a view on its arrays (no copy of the entries)."""
    first, last = m.indptr[start], m.indptr[stop]
    return sparse.csr_matrix((m.data[first:last], m.indices[first:last], m.indptr[start:stop + 1] - first),
                             shape=(stop - start, m.shape[1]))


def _dense_head(block: sparse.csr_matrix, width: int) -> np.ndarray:
    """The block's first `width` columns as a dense array."""
    dense = np.zeros((block.shape[0], width))
    rows = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
    wanted = block.indices < width
    dense[rows[wanted], block.indices[wanted]] = block.data[wanted]
    return dense


def _prefix_products(dense: np.ndarray, prefix, local: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x_a · prefix_b for each candidate: b's prefix entries looked up in a's row of the dense block."""
    starts = prefix.indptr[b]
    lengths = prefix.indptr[b + 1] - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(len(b))
    owner = np.repeat(np.arange(len(b)), lengths)
    offsets = np.cumsum(lengths) - lengths
    positions = starts[owner] + (np.arange(total) - offsets[owner])
    products = dense[local[owner], prefix.indices[positions]] * prefix.data[positions]
    return np.bincount(owner, weights=products, minlength=len(b))


def score_pairs(corpus: Corpus, groups: Sequence[object], threshold: float, *,
                focus: Sequence[int] | None = None, block_entries: int = BLOCK_ENTRIES) -> list[tuple[int, int, float]]:
    """(i, j, cosine) with i < j for every pair of different groups at or above the threshold, best first;
    with `focus`, only pairs with at least one document in it."""
    matrix = corpus.matrix
    n = matrix.shape[0]
    if n < 2 or not matrix.nnz:
        return []
    limit = threshold - _EPS
    codes: dict[object, int] = {}
    group = np.fromiter((codes.setdefault(g, len(codes)) for g in groups), dtype=np.int64, count=n)
    prefix, suffix, prefix_bound, prefix_norm, boundary, _by_norm = _split(matrix, corpus.rows, limit)
    # Prefixes hold frequent features only: the first `width` ranks. Each block's rows are made dense over
    # those columns, so the prefix products and bounds are direct look-ups.
    width = int(prefix.indices.max()) + 1 if prefix.nnz else 1
    head_rank = np.minimum(boundary, width) - 1  # b's prefix meets a's features ranked up to here
    in_focus = None
    if focus is None:
        order = np.arange(n)
    else:
        order = np.asarray(focus, dtype=np.int64)
        in_focus = np.zeros(n, dtype=bool)
        in_focus[order] = True
        suffix_t = suffix.T.tocsr()
    step = max(1, block_entries // max(n, width))
    found_a, found_b, found_s = [], [], []
    for start in range(0, len(order), step):
        rows = order[start:start + step]
        if focus is None:  # every pair once: only the documents from the block's first row on
            first = int(rows[0])
            block = _rows(matrix, first, int(rows[-1]) + 1)
            candidates = (_rows(suffix, first, n) @ block.T).tocoo()  # documents b × block rows
            b = candidates.row.astype(np.int64) + first
            local = candidates.col.astype(np.int64)
        else:
            block = matrix[rows]
            candidates = (block @ suffix_t).tocoo()
            b = candidates.col.astype(np.int64)
            local = candidates.row.astype(np.int64)
        a = rows[local]
        partial = candidates.data
        keep = (b > a) if in_focus is None else ((b > a) | ~in_focus[b])
        keep &= group[a] != group[b]
        keep &= partial + prefix_bound[b] >= limit
        local, a, b, partial = local[keep], a[keep], b[keep], partial[keep]
        dense = _dense_head(block, width)
        # Tighter: b's prefix only meets a's features ranked before b's boundary (Cauchy–Schwarz).
        head = np.sqrt(np.cumsum(dense * dense, axis=1))
        rank = head_rank[b]
        bound = np.where(rank >= 0, head[local, np.maximum(rank, 0)], 0.0) * prefix_norm[b]
        keep = partial + np.minimum(prefix_bound[b], bound) >= limit
        local, a, b, partial = local[keep], a[keep], b[keep], partial[keep]
        partial = partial + _prefix_products(dense, prefix, local, b)
        keep = partial >= limit
        found_a.append(np.minimum(a[keep], b[keep]))
        found_b.append(np.maximum(a[keep], b[keep]))
        found_s.append(partial[keep])
    a, b, s = np.concatenate(found_a), np.concatenate(found_b), np.concatenate(found_s)
    order = np.lexsort((b, a, -s))
    return list(zip(a[order].tolist(), b[order].tolist(), s[order].tolist(), strict=True))
