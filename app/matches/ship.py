"""Write the shipped vectors: `python -m app.matches.ship` (or `make vectors`).

Loads the demo marketplace into a throwaway SQLite database and runs the real `embed` job there under the bundled
model, recording every text it embeds (the demo listings with their phrases, the HS nomenclature): the file then
holds exactly what `flask demo load` will ask for. Texts already shipped are reused (their key names model and
text, so they are still right); entries nobody asked for are dropped. Run it again after any change to the demo
data, the HS texts or the model.
"""
import argparse
import tempfile
from pathlib import Path

from app import create_app
from app.config import DevelopmentConfig
from app.extensions import db
from app.jobs import run_job
from app.matches.embedding import SHIPPED, current_embedder
from matching.shipped import ShippedVectors


def regenerate(target: Path = SHIPPED, model: str = "e5") -> str:
    """Embed the demo data and HS texts as `flask demo load` does and write them to `target`."""
    from app.demo.loader import load_demo

    with tempfile.TemporaryDirectory() as folder:
        class Config(DevelopmentConfig):
            SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/ship.db"
            EMBEDDING_MODEL = model
            EMBED_ON_COMMIT = False

        app = create_app(Config)
        app.instance_path = folder  # no HS matrix cached from an earlier run: every text goes through the embedder
        with app.app_context():
            db.create_all()
            load_demo()
            db.session.commit()
            recorded = current_embedder().record()
            run = run_job(app, "embed")
            if run.status != "done":
                raise RuntimeError(f"the embed job failed: {run.detail}")
            db.engine.dispose()
    ShippedVectors.save(target, recorded)
    return f"{len(recorded)} vectors written to {target} ({target.stat().st_size / 1e6:.1f} MB): {run.detail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=SHIPPED)
    parser.add_argument("--model", default="e5", help="EMBEDDING_MODEL to embed with (default: the bundled e5)")
    args = parser.parse_args()
    print(regenerate(args.output, args.model))


if __name__ == "__main__":
    main()
