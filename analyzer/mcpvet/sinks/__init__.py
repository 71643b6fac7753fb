"""mcpvet.sinks"""

# the last name of the file calls, in either language, that move a path to another: the source goes and
# the target is written (`os.replace`, `os.renames`, `pathlib.Path.rename`, `shutil.move`, `fs.renameSync`,
# fs-extra's `move`); a copy or a link (`fs.copyFile`, `fs.link`) only writes the target
MOVES = frozenset({"rename", "renames", "renameSync", "replace", "move", "moveSync"})
