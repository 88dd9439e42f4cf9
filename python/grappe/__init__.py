"""grappe for analysts: France's SIRENE register and localisation statistics from Python.

The numbers come from the same C++ code as the ``grappe`` command line (docs/python.md)::

    import grappe, pandas
    reg = grappe.Register("sirene.grr")              # from `grappe ingest`
    cols = reg.columns()                             # NumPy arrays sharing the file's memory
    kd = grappe.kd(reg, sector="31.01Z", simulations=99)
    table = pandas.DataFrame(grappe.measures(reg, territory="department"))

Errors in the input raise ValueError with a sentence naming the place (a file, a field, an index).
"""
import json

from . import _grappe
from ._grappe import Register

__version__ = _grappe.__version__
_KD = _grappe.kd_defaults  # the defaults of `grappe kd` and of the server's curves (register_kd.hpp)
__all__ = ["Register", "kd", "kdhat", "m", "measures", "read_candidates"]


def read_candidates(path):
    """The candidates of a ``grappe scan`` JSON file (docs/candidates.md), as a list of dicts.

    The file is checked as the command line checks it: a bad siret or position raises
    ValueError naming the file and the field. Each member has its ``siret``, NAF ``code``,
    ``lon``/``lat`` and ``headcount``; ``grappe.kd(reg, trade=c["trade"])`` measures its trade.
    """
    return json.loads(_grappe.candidates_json(str(path)))["candidates"]


def kdhat(x, y, r=None, weights=None, weighted=False, exact=False, rmax=_KD["rmax"]):
    """Duranton–Overman K-density of the points (x, y) (metres), the estimator alone.

    Same conventions as R dbmss::Kdhat: Gaussian kernel reflected at 0, bandwidth bw.nrd0 of the
    pair distances up to 2·rmax. ``r`` defaults to 0..rmax by 1 km. Returns a dict with ``r``,
    ``kd`` (per metre), ``bandwidth``, ``pairs``, ``bin_width`` and ``error_bound`` (the largest
    difference from the exact kernel sum that the binned evaluation allows; 0 when exact).
    """
    return _grappe.kdhat(x, y, r=r, weights=weights, weighted=weighted, exact=exact, rmax=rmax)


def kd(register, sector=None, trade=None, r=None, rmax=_KD["rmax"], simulations=_KD["simulations"],
       seed=_KD["seed"], confidence=_KD["confidence"], weighted=False, exact=False,
       max_points=_KD["max_points"]):
    """K-density of a NAF sector (any level) or a trade of a register, with its envelope.

    As ``grappe kd --register``: the null model puts the group's weights on random establishment
    sites of the whole economy; ``lower``/``upper`` are the local band, ``global_lower``/
    ``global_upper`` Duranton–Overman's global band, ``gamma``/``psi`` their localisation and
    dispersion indices and ``localised`` the distances above the global band. A group larger
    than ``max_points`` is measured on a seeded random sample of that many establishments.
    """
    return _grappe.kd_register(register, sector=sector, trade=trade, r=r, rmax=rmax,
                               simulations=simulations, seed=seed, confidence=confidence,
                               weighted=weighted, exact=exact, max_points=max_points)


def m(x, y, types, reference, r=None, weights=None, simulations=0, seed=_KD["seed"],
      confidence=_KD["confidence"], rmax=_KD["rmax"]):
    """Marcon–Puech M function of the ``reference`` type among points of several types.

    ``types`` holds one label per point (strings or numbers). With ``simulations`` > 0 the
    labels and weights are permuted over the points (random labelling) to give the envelope.
    """
    labels = [str(t) for t in types]
    return _grappe.mhat(x, y, labels, str(reference), r=r, weights=weights,
                        simulations=simulations, seed=seed, confidence=confidence, rmax=rmax)


def measures(register, level="subclass", trade=None, territory="department",
             by_employment=True, coagglomeration=False):
    """Location quotients, Ellison–Glaeser and Maurel–Sédillot indices, as ``grappe measure``.

    Returns columns (a dict of equal-length sequences) of the tidy table: one row per group ×
    territory for ``lq`` and per group for the concentration indices; pass it to
    ``pandas.DataFrame``. ``level``: subclass|class|group|division|section; ``trade``: a trade id
    of data/trades.json (or a catalogue file) instead of NAF groups; ``territory``:
    commune|department|region|epci|arrondissement|zone.
    """
    return _grappe.measures(register, level=level, trade=trade, territory=territory,
                            by_employment=by_employment, coagglomeration=coagglomeration)
