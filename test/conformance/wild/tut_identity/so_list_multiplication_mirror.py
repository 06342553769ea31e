# Source: http://stackoverflow.com/questions/6688223/python-list-multiplication-3-makes-3-lists-which-mirror-each-other-when?answertab=votes
# Adapted: the question's and answers' REPL sessions, echoes became print().
P = [ [()]*3 ]*3
print(P)
P[0][0]=1
print(P)
a = b = []
a.append(42)
print(b)
P = [ [()]*3 for i in range(3) ]
P[0][0]=1
print(P)
P=[i[:] for i in [[()]*3]*3]
P[0][0]=1
print(P)
