"""The start window: unlock the store (keyring, passphrase or recovery code), then sign in.

The keyring unlocks silently, with the sign-in page up at once: the person types while the
store opens, and a Sign in pressed before it is open waits for it. A missing keyring entry
leads to the recovery-code page, and after a good code the key goes back in the keyring, so
nothing is lost. A store with only a passphrase asks for it. Anything else that stops the
store opening (in use elsewhere, damaged, from a newer APDesk) is explained on a problem
page. All the slow work (key derivation, migrations, password checks) runs on the worker.

The window paints before the database libraries load (decision 0024): this module imports
only what the pages and the key slots need. Once the window has painted, `ui.loading` imports
the store and the services while the person types; each worker job that needs them waits for
that first, and imports them itself too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from apdesk.domain.clock import Clock
from apdesk.storage.errors import KeyringEntryMissing, KeyringUnavailable, WrongKey
from apdesk.storage.keyring_store import SystemKeyring
from apdesk.storage.keyslots import KEYRING, PASSPHRASE, RECOVERY, KeySlots
from apdesk.storage.location import location_warning
from apdesk.storage.paths import StorePaths, load_slots
from apdesk.storage.unlock import key_from_keyring, key_from_secret, restore_keyring_slot
from apdesk.ui.errors import user_message
from apdesk.ui.loading import Loading
from apdesk.ui.start_pages import EmptyStorePage, ProblemPage, SecretPage, SignInPage, WaitPage
from apdesk.ui.worker import Worker

if TYPE_CHECKING:
    from apdesk.services.app_services import AppServices

T = TypeVar("T")

RECOVERY_TEXT = (
    "This computer's keyring no longer holds the key to your APDesk records. This happens "
    "after a Windows profile or password reset, or on a new computer. Nothing is lost: type "
    "the recovery code from the sheet in the school safe. Capitals, spaces and dashes do not "
    "matter."
)
PASSPHRASE_TEXT = "This computer opens APDesk with a passphrase. Type it to open your records."
RESTORED = "The recovery code worked, and the key is back in this computer's keyring."


class StartWindow(QWidget):
    """Emits `ready(services, actor)` once the store is open and someone has signed in."""

    ready = Signal(object, object)
    start_again = Signal()  # the empty store was removed: run the set-up wizard
    asking_to_sign_in = Signal()  # the store is open, the sign-in page up: the person types
    checking_password = Signal()  # the worker checks it (Argon2id: Python's lock is free)

    def __init__(
        self,
        paths: StorePaths,
        keyring: SystemKeyring,
        clock: Clock,
        worker: Worker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("APDesk")
        self.resize(760, 520)
        self.paths, self.keyring, self.clock, self.worker = paths, keyring, clock, worker
        self.services: AppServices | None = None
        self.slots: KeySlots | None = None
        self.note = ""
        self.startup_note = ""  # what the start finished or undid (an interrupted rekey, say)
        self._waiting: tuple[str, str] | None = None  # Sign in pressed before the store opened
        self.stack = QStackedWidget()
        self.wait = WaitPage()
        self.empty = EmptyStorePage()
        self.recovery = SecretPage("Unlock with the recovery code", "Recovery code", RECOVERY_TEXT)
        self.passphrase = SecretPage("Unlock APDesk", "Passphrase", PASSPHRASE_TEXT)
        self.problem = ProblemPage()
        self.sign_in = SignInPage()
        for page in (self.wait, self.recovery, self.passphrase, self.problem, self.sign_in):
            self.stack.addWidget(page)
        QVBoxLayout(self).addWidget(self.stack)
        self.recovery.submitted.connect(self._try_recovery_code)
        self.passphrase.submitted.connect(self._try_passphrase)
        self.passphrase.alternative.clicked.connect(lambda: self._show(self.recovery))
        self.problem.retry.clicked.connect(self.begin)
        self.problem.quit.clicked.connect(QApplication.quit)
        self.sign_in.submitted.connect(self._try_sign_in)
        self.stack.addWidget(self.empty)
        self.empty.quit.clicked.connect(QApplication.quit)
        self.empty.start_again.clicked.connect(self._start_again)
        self.loading = Loading()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.loading.start()  # once: the rest of the start loads while the person types

    def begin(self) -> None:
        """Unlock silently through the keyring if possible, else ask for what will work."""
        self._show(self.wait)
        try:
            self.slots = slots = load_slots(self.paths)
        except Exception as exc:
            self._problem(exc)
            return
        if not slots.has(KEYRING):
            self.loading.leave_out("keyring")  # about 20 ms of what the store's opening waits for
        if slots.has(KEYRING):  # an insecure keyring fails on the worker: KeyringUnavailable
            self.sign_in.welcome(self.wait.title.text())  # "Opening your records…"
            self._show(self.sign_in)
            self.worker.run(
                self._loaded(lambda: key_from_keyring(self.paths, self.keyring)),
                self._open,
                self._keyring_failed,
                label="Unlocking…",
                parent=self,
            )
        else:
            self._ask_for_secret()

    def _loaded(self, job: Callable[[], T]) -> Callable[[], T]:
        """`job`, run on the worker once the loading begun at the first paint is over."""

        def after_loading() -> T:
            self.loading.wait()
            return job()

        return after_loading

    def for_services(self, services: AppServices) -> None:
        """Sign in again to a store that is already open (after signing out)."""
        self.services = services
        self._show_sign_in()

    def _keyring_failed(self, exc: BaseException) -> None:
        if isinstance(exc, KeyringEntryMissing | WrongKey | KeyringUnavailable):
            self._ask_for_secret()
        else:
            self._problem(exc)

    def _ask_for_secret(self) -> None:
        slots = self.slots
        assert slots is not None
        if slots.has(PASSPHRASE):
            self.passphrase.alternative.setVisible(slots.has(RECOVERY))
            self._show(self.passphrase)
        elif slots.has(RECOVERY):
            self._show(self.recovery)
        else:
            self._problem(
                WrongKey(
                    "This store has no way to unlock it on this computer. Restore it from a backup."
                )
            )

    def _try_passphrase(self, secret: str) -> None:
        self._unlock_with(
            self.passphrase, lambda: key_from_secret(self.paths, PASSPHRASE, secret), restore=False
        )

    def _try_recovery_code(self, code: str) -> None:
        self._unlock_with(
            self.recovery, lambda: key_from_secret(self.paths, RECOVERY, code), restore=True
        )

    def _unlock_with(self, page: SecretPage, derive: Callable[[], bytes], restore: bool) -> None:
        page.set_busy(True)

        def failed(exc: BaseException) -> None:
            page.set_busy(False)
            page.reset(
                user_message(exc)
                if not isinstance(exc, WrongKey)
                else "That did not unlock the store. Check it and try again."
            )

        def done(key: bytes) -> None:
            self._show(self.wait)  # not the secret page again: a second Unlock would open twice
            page.set_busy(False)
            self._open(key, restore)

        self.worker.run(derive, done, failed, label="Checking…", parent=self)

    def _open(self, key: bytes, restore: bool = False) -> None:
        def work() -> tuple[AppServices, str, bool]:
            from apdesk.services import setup
            from apdesk.services.app_services import AppServices
            from apdesk.storage.store import open_store

            services = AppServices(open_store(self.paths, key, self.clock.now()), self.clock)
            try:
                note = self._restore_keyring(key) if restore else ""
                return services, note, setup.is_empty_store(services)
            except BaseException:
                services.close()  # the problem page's Retry opens it again
                raise

        self.worker.run(
            self._loaded(work),
            self._opened,
            self._problem,
            label="Opening your records…",
            parent=self,
        )

    def _restore_keyring(self, key: bytes) -> str:
        """On the worker, after a recovery code opened the store: what to tell the person."""
        if not self.keyring.is_secure():
            return ""
        try:
            restore_keyring_slot(self.paths, self.keyring, key)
        except KeyringUnavailable as exc:  # open anyway; the code works again next time
            return f"The recovery code worked, but {exc}"
        return RESTORED

    def _opened(self, result: tuple[AppServices, str, bool]) -> None:
        self.services, self.note, empty = result
        if not empty:
            self._show_sign_in()
            return
        from apdesk.services.setup import removable_files

        self.empty.explain(str(self.paths.folder), removable_files(self.paths))
        self._show(self.empty)

    def _start_again(self) -> None:
        services = self.services
        assert services is not None
        self.empty.set_busy(True)

        def removed(_: list[str]) -> None:
            self.empty.set_busy(False)
            self.services = None
            self.start_again.emit()

        def failed(exc: BaseException) -> None:
            self.empty.set_busy(False)
            self._problem(exc)

        def discard() -> list[str]:
            from apdesk.services.setup import discard_empty_store

            return discard_empty_store(services, self.keyring)

        self.worker.run(
            discard,
            removed,
            failed,
            label="Removing the unfinished store…",
            parent=self,
        )

    def _show_sign_in(self) -> None:
        from apdesk.services.school import school_name

        assert self.services is not None
        school = school_name(self.services)
        warning = location_warning(self.paths.folder) or ""
        typing = self.stack.currentWidget() is self.sign_in  # up while the store opened
        (self.sign_in.introduce if typing else self.sign_in.welcome)(
            school or "",
            "\n\n".join(t for t in (self.startup_note, self.note, warning) if t),
        )
        self._show(self.sign_in)
        self.asking_to_sign_in.emit()
        if self._waiting is not None:
            self._try_sign_in(*self._waiting)

    def _try_sign_in(self, username: str, password: str) -> None:
        services = self.services
        self.sign_in.set_busy(True)
        if services is None:  # still opening: signed in as soon as it is open
            self._waiting = (username, password)
            return
        self._waiting = None

        def sign_in() -> object:
            from apdesk.services.staff import sign_in

            return sign_in(services, username, password)

        self.worker.run(
            sign_in,
            self._signed_in,
            self._sign_in_refused,
            label="Signing in…",
            parent=self,
        )
        # after the job is queued: what answers this (importing the main window's modules)
        # runs on the GUI thread while the worker's Argon2id has let go of Python's lock
        self.checking_password.emit()

    def _signed_in(self, actor: object) -> None:
        self.sign_in.set_busy(False)
        self.sign_in.password.clear()
        self.sign_in.say("")
        self.note = ""  # said once, to whoever signs in next
        self.ready.emit(self.services, actor)

    def _sign_in_refused(self, exc: BaseException) -> None:
        self.sign_in.set_busy(False)
        self.sign_in.say(user_message(exc))
        self.sign_in.password.clear()
        self.sign_in.password.setFocus()

    def _problem(self, exc: BaseException) -> None:
        self.show_problem(user_message(exc))

    def show_problem(self, text: str) -> None:
        self.problem.show_problem(text)
        self._show(self.problem)

    def _show(self, page: QWidget) -> None:
        if page is not self.sign_in and self._waiting is not None:
            self._waiting = None  # the store did not open as it was: asked for again after
            self.sign_in.set_busy(False)
        self.stack.setCurrentWidget(page)
        if isinstance(page, SecretPage):
            page.reset()
