; APDesk's Windows installer, built by installer/build.py (see its docstring).
;
; Per-user by default: %LOCALAPPDATA%\Programs\APDesk, a Start-menu shortcut and an
; uninstall entry in HKCU, no elevation. With -DALLUSERS: Program Files and HKLM, for IT.
; Refuses to install over a running APDesk, into the data folder (or a folder holding a
; store), or into a folder that is not empty and not an APDesk install. An upgrade runs the
; old uninstaller first; the uninstaller removes only the files this installer put there,
; so the data folder (%LOCALAPPDATA%\APDesk, or APDESK_DATA_DIR) is never touched.
;
; Silent: setup.exe /S [/D=folder], uninstall.exe /S. Exit codes: 0 done, 2 refused.

Unicode true
Target amd64-unicode
ManifestDPIAware true
!if "${COMPRESSOR}" == "zlib"
  SetCompressor /SOLID zlib
!else
  SetCompressor /SOLID lzma
!endif
SetDatablockOptimize on
SetDateSave off
CRCCheck on

!include "LogicLib.nsh"
!include "FileFunc.nsh"

!ifdef SIGN
  ; build.py --sign-*: the uninstaller is signed as it is written, before it is packed.
  !uninstfinalize '"${SIGN}" "%1"' = 0
!endif

!define APP "APDesk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\APDesk"
!define MUTEX "APDesk.Running"

Name "${APP} ${VERSION}"
Caption "${APP} ${VERSION} setup"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
BrandingText "${APP} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2057 "ProductName" "${APP}"
VIAddVersionKey /LANG=2057 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2057 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2057 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=2057 "LegalCopyright" "APDesk"

!ifdef ALLUSERS
  RequestExecutionLevel admin
  InstallDir "$PROGRAMFILES64\${APP}"
  !define ROOT_KEY HKLM
!else
  RequestExecutionLevel user
  InstallDir "$LOCALAPPDATA\Programs\${APP}"
  !define ROOT_KEY HKCU
!endif
InstallDirRegKey ${ROOT_KEY} "${UNINST_KEY}" "InstallLocation"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Var DataDir
Var Foreign

; ${Locate}'s callback for CheckFolder: the first file outside a __pycache__ folder.
Function FindForeignFile
  StrCpy $0 $R8 "" -12
  ${If} $0 != "\__pycache__"
    StrCpy $Foreign $R9
    Push "StopLocate"
  ${Else}
    Push ""
  ${EndIf}
FunctionEnd

!macro RefuseIfRunning
  System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${MUTEX}") p .r0'
  ${If} $0 P<> 0
    System::Call 'kernel32::CloseHandle(p r0)'
    MessageBox MB_OK|MB_ICONSTOP "APDesk is running. Close it (File › Quit), then try again." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
!macroend

!macro Refuse TEXT
  MessageBox MB_OK|MB_ICONSTOP "${TEXT}" /SD IDOK
  SetErrorLevel 2
  Quit
!macroend

Function .onInit
  !ifdef ALLUSERS
    SetShellVarContext all
  !endif
  !insertmacro RefuseIfRunning
FunctionEnd

; Is $1 the same folder as, or inside, $2? Result in $0 (1 or 0).
Function IsWithin
  System::Call 'shlwapi::PathIsPrefixW(w r2, w r1) i .r0'
  ${If} $0 == 0
    ${If} $1 == $2
      StrCpy $0 1
    ${EndIf}
  ${EndIf}
FunctionEnd

Function CheckFolder
  ReadEnvStr $DataDir "APDESK_DATA_DIR"
  ${If} $DataDir == ""
    ; platformdirs.user_data_dir("APDesk", appauthor=False): always the user's own profile.
    SetShellVarContext current
    StrCpy $DataDir "$LOCALAPPDATA\APDesk"
    !ifdef ALLUSERS
      SetShellVarContext all
    !endif
  ${EndIf}
  StrCpy $1 $INSTDIR
  StrCpy $2 $DataDir
  Call IsWithin
  ${If} $0 = 1
    !insertmacro Refuse "$INSTDIR is APDesk's data folder (or inside it). Choose another folder."
  ${EndIf}
  StrCpy $1 $DataDir
  StrCpy $2 $INSTDIR
  Call IsWithin
  ${If} $0 = 1
    !insertmacro Refuse "APDesk's data folder $DataDir is inside $INSTDIR. Choose another folder."
  ${EndIf}
  ${If} ${FileExists} "$INSTDIR\apdesk.db"
  ${OrIf} ${FileExists} "$INSTDIR\keyslots.json"
    !insertmacro Refuse "$INSTDIR holds an APDesk store. Choose another folder."
  ${EndIf}
  ; Foreign: a file, at any depth, outside a __pycache__ folder. So not what `msiexec /x`
  ; leaves of an APDesk (empty folders under Wine, and the .pyc files Python wrote, which
  ; Windows Installer does not remove); this setup.exe's uninstaller later removes those.
  ${If} ${FileExists} "$INSTDIR\*.*"
  ${AndIfNot} ${FileExists} "$INSTDIR\APDesk.exe"
    StrCpy $Foreign ""
    ${Locate} "$INSTDIR" "/L=F /M=* /G=1" "FindForeignFile"
    ${If} $Foreign != ""
      !insertmacro Refuse "$INSTDIR already holds other files. Choose an empty folder."
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "APDesk"
  Call CheckFolder
  ${If} ${FileExists} "$INSTDIR\uninstall.exe"
    ; An upgrade: the installed version's own uninstaller removes exactly its own files.
    ExecWait '"$INSTDIR\uninstall.exe" /S _?=$INSTDIR' $0
    ${If} $0 <> 0
      !insertmacro Refuse "The installed APDesk could not be removed first (code $0). Nothing was changed."
    ${EndIf}
    Delete "$INSTDIR\uninstall.exe"
  ${EndIf}
  !include "${BUILD}\installed-files.nsh"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\APDesk.exe" "" "$INSTDIR\APDesk.exe" 0
  WriteRegStr ${ROOT_KEY} "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr ${ROOT_KEY} "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr ${ROOT_KEY} "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr ${ROOT_KEY} "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\APDesk.exe"
  WriteRegStr ${ROOT_KEY} "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr ${ROOT_KEY} "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr ${ROOT_KEY} "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD ${ROOT_KEY} "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD ${ROOT_KEY} "${UNINST_KEY}" "NoRepair" 1
  WriteRegDWORD ${ROOT_KEY} "${UNINST_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Function un.onInit
  !ifdef ALLUSERS
    SetShellVarContext all
  !endif
  !insertmacro RefuseIfRunning
FunctionEnd

Section "Uninstall"
  ; Only the files this version installed, then its folders if empty: never the data folder.
  !include "${BUILD}\removed-files.nsh"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  DeleteRegKey ${ROOT_KEY} "${UNINST_KEY}"
SectionEnd
