"""miniwdl container backend that runs tasks on the host, without a container engine.

The in-container directory of a task is set to its host run directory, so the paths miniwdl
writes into the task command (inputs under ``work/_miniwdl_inputs/``, the working directory
``work/``) are real host paths; the command then runs with ``bash`` in ``work/``. Input files
are symlinked (or copied) into place; CPU and memory reservations are honoured with miniwdl's
own host scheduler.
"""
import logging
import os
import shlex
import shutil
import subprocess
import threading
from typing import Callable, Dict

from WDL._util import StructuredLogMessage as _
from WDL.runtime import config
from WDL.runtime.backend.cli_subprocess import SubprocessBase, _SubprocessScheduler
from WDL.runtime.error import Terminated
from WDL.runtime.task_container import TaskContainer

__all__ = ["LocalContainer"]


class LocalContainer(TaskContainer):
    """Runs a WDL task's command with bash on the host; ``runtime.docker`` is ignored."""

    @classmethod
    def global_init(cls, cfg: config.Loader, logger: logging.Logger) -> None:
        logger.notice(_("miniwdl-local: tasks run on the host without containers"))  # type: ignore
        cls.detect_resource_limits(cfg, logger)  # the host scheduler, once, before any task thread

    # miniwdl calls detect_resource_limits from each task's thread; SubprocessBase's check-then-set
    # cache is not locked, so two tasks starting together could both initialise the host scheduler,
    # the second resetting the CPU already reserved by the first (miniwdl 1.16 then fails an
    # `assert 0 <= used_cpu <= host_cpu` when that task ends: seen once in CI, session 7).
    _detect_lock = threading.Lock()

    @classmethod
    def detect_resource_limits(cls, cfg: config.Loader, logger: logging.Logger) -> Dict[str, int]:
        # Same detection (and the same process-wide cpu/memory scheduler) as the Podman backend,
        # initialised once.
        with cls._detect_lock:
            return SubprocessBase.detect_resource_limits(cfg, logger)

    def __init__(self, cfg: config.Loader, run_id: str, host_dir: str) -> None:
        super().__init__(cfg, run_id, host_dir)
        # The "container" sees the host: container paths are host paths.
        self.container_dir = os.path.abspath(host_dir)

    def host_work_dir(self) -> str:
        # Always host_dir/work, because that is the working directory the command's paths name;
        # a retry moves the failed attempt's folder aside instead (see reset).
        return os.path.join(self.host_dir, "work")

    def reset(self, logger: logging.Logger) -> None:
        failed = os.path.join(self.host_dir, f"work.attempt{self.try_counter}")
        os.rename(self.host_work_dir(), failed)
        logger.info(_("moved failed attempt's work folder aside", to=failed))
        super().reset(logger)

    def copy_input_files(self, logger: logging.Logger) -> None:
        # Called only when [file_io] copy_input_files is set: copy instead of linking.
        self._place_inputs(logger, copy=True)

    def _place_inputs(self, logger: logging.Logger, copy: bool) -> None:
        """Makes each input appear at its "container" path: a symlink (or a copy) of the host file.

        This stands in for the bind mounts of the container backends; inputs from one host folder
        share one subfolder, so a FASTA and its .fai given as two inputs stay side by side.
        """
        for host_path, container_path in self.input_path_map.items():
            target = self.host_work_path(container_path.rstrip("/")).rstrip("/")
            if os.path.lexists(target):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            source = os.path.abspath(host_path.rstrip("/"))
            if copy:
                if host_path.endswith("/"):
                    shutil.copytree(source, target, symlinks=False)
                else:
                    shutil.copy(source, target)
            else:
                os.symlink(source, target, target_is_directory=host_path.endswith("/"))
            logger.info(_("copied host input" if copy else "linked host input", input=source, to=target))

    def _run(self, logger: logging.Logger, terminating: Callable[[], bool], command: str) -> int:
        cpu = self.runtime_values.get("cpu", 0)
        memory = self.runtime_values.get("memory_reservation", 0)
        self._place_inputs(logger, copy=False)  # no-op for inputs already copied
        with _SubprocessScheduler(cpu, memory) as _unused, self.poll_stderr_context(logger) as poll_stderr:
            script = os.path.join(self.host_dir, "command")
            with open(script, "w") as out:
                for key, value in self.runtime_values.get("env", {}).items():
                    out.write(f"export {key}={shlex.quote(str(value))}\n")
                # Tools that honour these use the reservation instead of every core.
                if cpu:
                    out.write(f"export OMP_NUM_THREADS={int(cpu)} OPENBLAS_NUM_THREADS=1\n")
                out.write(command)
            shell = self.cfg.get("task_runtime", "command_shell")
            with open(self.host_stdout_txt(), "ab") as stdout, open(self.host_stderr_txt(), "ab") as stderr:
                process = subprocess.Popen(
                    shlex.split(shell) + [script], cwd=self.host_work_dir(), stdout=stdout, stderr=stderr,
                    stdin=subprocess.DEVNULL, start_new_session=True)
                logger.notice(_("local run", pid=process.pid, cpu=cpu, work=self.host_work_dir()))  # type: ignore
                with self.task_running_context():
                    exit_code = None
                    while exit_code is None:
                        if terminating():
                            process.terminate()
                        try:
                            exit_code = process.wait(1)
                        except subprocess.TimeoutExpired:
                            pass
                        poll_stderr()
            if terminating():
                raise Terminated()
            return exit_code
