# Source: https://pt.stackoverflow.com/questions/319164/por-que-essas-duas-formas-de-inicializar-a-mesma-lista-em-python-geram-estrutura?r=SearchResults
import sys
lista = []
for _ in range(20):
    print('Lista de tamanho {:>3} com memória {:>3}'.format(len(lista), sys.getsizeof(lista)))
    lista.append(None)
