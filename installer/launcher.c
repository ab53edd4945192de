/* APDesk's launchers: APDesk.exe (the window) and bin\apdesk.exe (the command line).
 *
 * Each loads python311.dll from the program folder into its own process and runs
 * `-m apdesk` with the user's arguments, so no bare python.exe is shipped and the two
 * files a school's IT code-signs are these. The folder holding python311.dll is the
 * launcher's own (APDesk.exe) or its parent (bin\apdesk.exe); python311._pth beside the
 * DLL sets sys.path and keeps out PYTHONPATH, PYTHONHOME and the user's site-packages.
 *
 * While it runs it holds the named mutex "APDesk.Running" (this user's session), which the
 * installer checks so it never replaces files under a running program.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <shellapi.h>
#include <stdlib.h>
#include <wchar.h>

typedef int(__cdecl *PyMainFn)(int, wchar_t **);

static int fail(const wchar_t *what, const wchar_t *path) {
    wchar_t text[2 * MAX_PATH + 200];
    _snwprintf(text, sizeof text / sizeof *text,
               L"APDesk cannot start: %ls\n%ls\n\nReinstall APDesk to repair it.", what, path);
    text[sizeof text / sizeof *text - 1] = 0;
#ifdef APDESK_CONSOLE
    fwprintf(stderr, L"apdesk: %ls\n", text);
#else
    MessageBoxW(NULL, text, L"APDesk", MB_OK | MB_ICONERROR);
#endif
    return 1;
}

static void parent(wchar_t *path) {
    wchar_t *slash = wcsrchr(path, L'\\');
    if (slash) *slash = 0;
}

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR line, int show) {
    (void)instance; (void)previous; (void)line; (void)show;
    wchar_t home[MAX_PATH], dll[MAX_PATH + 32];
    DWORD n = GetModuleFileNameW(NULL, home, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return fail(L"its folder's path is too long.", L"");
    parent(home);
#ifdef APDESK_CONSOLE
    parent(home); /* bin\apdesk.exe: the program folder is one up */
#endif
    _snwprintf(dll, sizeof dll / sizeof *dll, L"%ls\\python311.dll", home);
    dll[sizeof dll / sizeof *dll - 1] = 0;

    CreateMutexW(NULL, FALSE, L"APDesk.Running"); /* released when the process ends */
    SetDllDirectoryW(home);
    HMODULE python = LoadLibraryExW(dll, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!python) return fail(L"Python is missing or damaged:", dll);
    PyMainFn py_main = (PyMainFn)(void *)GetProcAddress(python, "Py_Main");
    if (!py_main) return fail(L"Python is damaged:", dll);

    int argc = 0;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    if (!argv) return fail(L"its command line could not be read.", L"");
    wchar_t **args = calloc((size_t)argc + 3, sizeof *args);
    if (!args) return fail(L"out of memory.", L"");
    args[0] = argv[0];
    args[1] = L"-m";
    args[2] = L"apdesk";
    for (int i = 1; i < argc; ++i) args[i + 2] = argv[i];
    return py_main(argc + 2, args);
}

#ifdef APDESK_CONSOLE
int wmain(void) { return wWinMain(NULL, NULL, NULL, 0); }
#endif
