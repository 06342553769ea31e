import os, sys as system
import xml.etree.ElementTree as ET
from collections import *
from . import sibling
from .. import parent as p
from .pkg.mod import a, b as bb
os.path.join('a', 'b')
system.exit
