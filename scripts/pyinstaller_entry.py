"""Entry point of the PyInstaller build (absolute imports only)."""
import multiprocessing

from isolation_desk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
