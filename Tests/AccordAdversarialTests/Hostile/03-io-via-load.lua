-- hostile: reach io from a loaded chunk
-- exit: 0
-- stdout: nil
print(load('return io')())
