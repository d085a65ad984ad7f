#!/usr/bin/env bash
# Set up the peer tool for bench/figures_bench.py: quantulum3 in its own venv,
# bench/.venv-peer (gitignored). Never installed into the project's venv: it is not a
# claimtrack dependency.
#
#   bash bench/setup_peer.sh          # create or update bench/.venv-peer
#   bash bench/setup_peer.sh --fresh  # delete it and start again
#
# Network is needed here only (PyPI); the benchmark itself runs offline.
#
# quantulum3 ships a trained unit-disambiguation classifier (_lang/en_US/clf.joblib),
# pickled with scikit-learn 1.8.0. Newer scikit-learn releases cannot unpickle it
# (ModuleNotFoundError: _loss), in which case quantulum3 would silently fall back to
# its heuristic disambiguation. So we pin scikit-learn to the version the shipped
# model was built with and use that model as is: nothing is trained or downloaded.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv-peer"
PY="${PYTHON:-python3}"

QUANTULUM_VERSION="0.10.0"
SKLEARN_VERSION="1.8.0"  # the version quantulum3 0.10.0's clf.joblib was pickled with

if [[ "${1:-}" == "--fresh" ]]; then
    rm -rf "$VENV"
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    "$PY" -m venv "$VENV"
fi

"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "quantulum3[classifier]==$QUANTULUM_VERSION" "scikit-learn==$SKLEARN_VERSION"

# Check, offline, that quantulum3 imports, loads its shipped classifier with this
# scikit-learn, and parses a sentence.
"$VENV/bin/python" - <<'EOF'
import warnings
warnings.simplefilter("error")  # a version-mismatch warning on unpickling is a failure here
import joblib
from importlib.metadata import version
from quantulum3 import classifier, language, parser

path = language.topdir("en_US").joinpath("clf.joblib")
built_with = joblib.load(path)["scikit-learn_version"]
have = version("scikit-learn")
assert built_with == have, f"clf.joblib built with scikit-learn {built_with}, installed {have}"
clf = classifier.classifier()
assert clf.loaded, "quantulum3 classifier did not load"
qs = parser.parse("Profit rose 12 percent to $4.5 billion.")
assert [(q.value, q.unit.name) for q in qs] == [(12.0, "percentage"), (4.5e9, "dollar")], qs
print(f"quantulum3 {version('quantulum3')} ready: shipped classifier {path} loaded "
      f"with scikit-learn {have}")
EOF
