// A Swift hello world: the floor for the cold start of any Swift command-line program.
print("hello")
